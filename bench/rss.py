"""Benchmark 3: how much loading an assessment of 2,000 events grows the process's memory.

The assessment is built through the application; then a fresh interpreter opens the store,
warms up on a 2-event assessment, and reads VmRSS / VmHWM (/proc/self/status) around one
`app.assessments.get` of the long one. The peak is reset first where Linux allows it.

    .venv/bin/python -m bench.rss --backend sqlite
    .venv/bin/python -m bench.rss --backend postgres [--url postgresql://…]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import subprocess
import sys
from pathlib import Path
from uuid import UUID

from bench.harness import (
    POSTGRES_URL,
    Periods,
    grown,
    header,
    open_kaohe,
    postgres_down,
    set_up_world,
    throwaway_store,
)

EVENTS = 2000
LIMIT_MB = 50.0
STATUS = Path("/proc/self/status")


def status_kb(field: str) -> int:
    """A `VmRSS:` or `VmHWM:` line of /proc/self/status, in kB."""
    for line in STATUS.read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise LookupError(field)


def reset_peak() -> bool:
    """Set VmHWM back to the current RSS (Linux >= 4.0); False if not allowed."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def measure(long: UUID, short: UUID) -> dict[str, object]:
    """In this (fresh) process: RSS before and after loading `long`, and the peak."""
    app = open_kaohe(dict(os.environ))
    try:
        app.assessments.get(short)  # connection, topics, caches: not the history's cost
        gc.collect()
        reset = reset_peak()
        before = status_kb("VmRSS")
        assessment = app.assessments.get(long)
        after, peak = status_kb("VmRSS"), status_kb("VmHWM")
        return {
            "version": assessment.version,
            "before_kb": before,
            "after_kb": after,
            "peak_kb": peak,
            "peak_reset": reset,
        }
    finally:
        app.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--backend", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--url", default=POSTGRES_URL, help="PostgreSQL URL")
    parser.add_argument("--measure", nargs=2, metavar=("LONG", "SHORT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(UUID(args.measure[0]), UUID(args.measure[1]))))
        return 0
    if args.backend == "postgres" and (down := postgres_down(args.url)) is not None:
        print(f"PostgreSQL at {args.url} is unreachable, skipped: {down}")
        return 0
    with throwaway_store(args.backend, args.url) as env:
        app = open_kaohe(env)
        try:
            items, periods = set_up_world(app), Periods()
            long, short = grown(app, items, periods, EVENTS), grown(app, items, periods, 2)
        finally:
            app.close()
        child = [sys.executable, "-m", "bench.rss", "--measure", str(long), str(short)]
        done = subprocess.run(
            child, env=os.environ | env, capture_output=True, text=True, check=True
        )
    figures = json.loads(done.stdout)
    assert figures["version"] == EVENTS, figures
    grew = (figures["after_kb"] - figures["before_kb"]) / 1024
    peak = (figures["peak_kb"] - figures["before_kb"]) / 1024
    verdict = "met" if max(grew, peak) < LIMIT_MB else "**MISSED**"
    print(header(f"RSS of loading {EVENTS} events", args.backend, "bench.rss"))
    print("| RSS before | RSS after | growth | peak growth | target |")
    print("|---:|---:|---:|---:|---|")
    print(
        f"| {figures['before_kb'] / 1024:.1f} MB | {figures['after_kb'] / 1024:.1f} MB | "
        f"{grew:.1f} MB | {peak:.1f} MB{'' if figures['peak_reset'] else ' (peak not reset)'} "
        f"| < {LIMIT_MB:.0f} MB {verdict} |"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
