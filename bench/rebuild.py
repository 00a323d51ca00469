"""Benchmark 4: rebuilding every projection from the generated history, on PostgreSQL.

Against a baseline in the same run: the plain hand-written projector of
bench.rebuild_baseline (a server-side cursor, orjson, one audit row per event and one row
per sheet by COPY, then the indexes). Each side runs alone in a
fresh child process, which reports its time and its peak RSS (VmHWM); the sides alternate
(baseline, Kaohe, then Kaohe, baseline, …). The history is made (or reused) by
bench.history.

The parallel sides rebuild with `kaohe projections rebuild --workers N` for each N of
`--parallel` (default 1,2), in the same rounds.

    .venv/bin/python -m bench.rebuild --events 1000000 [--rounds 1] [--parallel 1,2]
        [--profile DIR] [--separate]
"""

from __future__ import annotations

import argparse
import json
import os
import pstats
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

from bench.harness import POSTGRES_URL, header, median, postgres_down
from bench.history import History, drop_schema, ensure_history, store_env
from bench.rebuild_sides import PARALLEL, run_side

TARGET_RATIO = 0.7
TARGET_PEAK_MB = 300.0
TARGET_SPEEDUP = 1.7


def child(
    side: str,
    url: str,
    history: History,
    scratch: str,
    profile: Path | None,
    separate: bool = False,
) -> Any:
    """Run one side in a fresh interpreter; its figures (progress goes to stderr)."""
    command = [sys.executable, "-m", "bench.rebuild", "--side", side, "--url", url]
    command += ["--schema", history.schema, "--scratch", scratch]
    if profile is not None:
        command += ["--profile", str(profile)]
    if separate:
        command.append("--separate")
    with tempfile.TemporaryDirectory(prefix="kaohe-bench-") as tmp:
        env = os.environ | store_env(url, history.schema, tmp)
        done = subprocess.run(command, env=env, stdout=subprocess.PIPE, text=True, check=True)
    return json.loads(done.stdout)


def report(history: History, runs: dict[str, list[dict[str, Any]]], rounds: int) -> None:
    n = history.events
    rate = {side: [n / r["seconds"] for r in found] for side, found in runs.items()}
    ratio = median(rate["kaohe"]) / median(rate["baseline"])
    peak = max(r["peak_kb"] for r in runs["kaohe"]) / 1024
    print(
        f"* history: schema `{history.schema}`, {n} events, {history.towns} towns of 100 villages"
    )
    print(f"* {rounds} round(s) of each side, alternating; medians\n")
    print("| side | seconds | events/s | CPU s (Python) | peak RSS (VmHWM; a part: at its end) |")
    print("|---|---:|---:|---:|---:|")
    for side, found in runs.items():
        seconds = median([r["seconds"] for r in found])
        cpu = median([r["cpu_seconds"] for r in found])
        peak_mb = max(r["peak_kb"] for r in found) / 1024
        print(
            f"| {side} | {seconds:.1f} | {median(rate[side]):.0f} | {cpu:.1f} | {peak_mb:.0f} MB |"
        )
    for name in runs["kaohe"][0]["parts"] if runs["kaohe"] else []:
        seconds = median([r["parts"][name] for r in runs["kaohe"]])
        peak_mb = max(r["peaks"][name] for r in runs["kaohe"]) / 1024
        print(f"| kaohe: {name} | {seconds:.1f} | – | – | {peak_mb:.0f} MB |")
    ok_ratio = "met" if ratio >= TARGET_RATIO else "**MISSED**"
    ok_peak = "met" if peak < TARGET_PEAK_MB else "**MISSED**"
    target = f">= {TARGET_RATIO} {ok_ratio}"
    print(f"\n* ratio, Kaohe events/s ÷ baseline events/s: **{ratio:.2f}** ({target})")
    print(f"* peak RSS of the rebuild: **{peak:.0f} MB** (target < 300 MB {ok_peak})")
    cpus = {side: median([r["cpu_seconds"] for r in found]) for side, found in runs.items()}
    cpu_ratio = cpus["baseline"] / cpus["kaohe"]
    print(f"* baseline CPU ÷ Kaohe CPU (Python processes only): **{cpu_ratio:.2f}**")
    parallel(runs, rate["baseline"])


def parallel(runs: dict[str, list[dict[str, Any]]], baseline: list[float]) -> None:
    """The parallel sides: each against the baseline, and 2 processes against 1."""
    n_events = {side: found[0]["events"] for side, found in runs.items() if found}
    rates = {
        int(side.removeprefix(PARALLEL)): median([n_events[side] / r["seconds"] for r in found])
        for side, found in runs.items()
        if side.startswith(PARALLEL)
    }
    for workers, rate in rates.items():
        ratio = rate / median(baseline)
        print(f"* {workers} process(es): events/s ÷ baseline events/s: **{ratio:.2f}**")
    if 1 in rates and 2 in rates:
        speedup = rates[2] / rates[1]
        ok = "met" if speedup >= TARGET_SPEEDUP else "**MISSED**"
        print(f"* 2 processes ÷ 1 process: **{speedup:.2f}×** (>= {TARGET_SPEEDUP}× {ok})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2, help="to generate the history")
    parser.add_argument("--url", default=POSTGRES_URL)
    parser.add_argument("--profile", type=Path, help="profile one Kaohe rebuild into this folder")
    parser.add_argument(
        "--separate",
        action="store_true",
        help="rebuild the projections one after the other, each reading the log",
    )
    parser.add_argument(
        "--parallel",
        type=lambda text: [int(n) for n in text.split(",") if n],
        default=[1, 2],
        help="numbers of processes of the parallel rebuilds to time (comma-separated; '' none)",
    )
    parser.add_argument("--side", help=argparse.SUPPRESS)
    parser.add_argument("--schema", help=argparse.SUPPRESS)
    parser.add_argument("--scratch", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.side is not None:
        run_side(args.side, args.url, args.schema, args.scratch, args.profile, args.separate)
        return 0
    if (down := postgres_down(args.url)) is not None:
        print(f"PostgreSQL at {args.url} is unreachable, skipped: {down}")
        return 0
    with tempfile.TemporaryDirectory(prefix="kaohe-bench-") as tmp:
        history = ensure_history(args.url, args.events, tmp, workers=args.workers)
    scratch = f"{history.schema}_scratch"
    drop_schema(args.url, scratch)
    create_schema(args.url, scratch)
    try:
        if args.profile is not None:
            return profile(args.url, history, scratch, args.profile, args.separate)
        sides = ["baseline", "kaohe", *(f"{PARALLEL}{n}" for n in args.parallel)]
        runs: dict[str, list[dict[str, Any]]] = {side: [] for side in sides}
        for r in range(args.rounds):
            for side in sides if r % 2 == 0 else sides[::-1]:
                print(f"round {r + 1}: {side}", file=sys.stderr, flush=True)
                found = child(side, args.url, history, scratch, None, args.separate)
                runs[side].append(found)
    finally:
        drop_schema(args.url, scratch)
    print(header("Rebuilding every projection", "postgres", "bench.rebuild"))
    report(history, runs, args.rounds)
    return 0


def create_schema(url: str, schema: str) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))


def profile(url: str, history: History, scratch: str, where: Path, separate: bool) -> int:
    """One Kaohe rebuild under cProfile: `<where>/rebuild.prof` and the top costs."""
    where.mkdir(parents=True, exist_ok=True)
    path = where / "rebuild.prof"
    figures = child("kaohe", url, history, scratch, path, separate)
    per_event = 1e6 / history.events
    print(f"#### cProfile of rebuilding every projection ({history.events} events)\n")
    print(
        f"{figures['seconds']:.1f} s under the profiler; µs per event = seconds × {per_event:.3f}"
    )
    print("\n```")
    stats = pstats.Stats(str(path), stream=sys.stdout)
    stats.sort_stats("tottime").print_stats(30)
    stats.sort_stats("cumulative").print_stats(40)
    print("```")
    return 0


if __name__ == "__main__":
    sys.exit(main())
