"""Benchmark 5: how far the projections lag behind live commands, on PostgreSQL.

A scratch schema gets a generated history (bench.history), every projection is brought up
to date by a `kaohe projections run` worker process, and driver processes
(bench.live_load) then revise single self-scored items of this quarter's drafts at a fixed
total rate. An observer thread reads, every few milliseconds, the lowest tracking position
of the serving versions of all projections; a command's lag is the time from its commit
to the first observation at or past its `Outcome.position`.

    .venv/bin/python -m bench.live_lag [--rate 200] [--seconds 30] [--drivers 2]
"""

from __future__ import annotations

import argparse
import bisect
import os
import signal
import subprocess
import sys
import threading
import time
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

from bench.harness import POSTGRES_URL, Env, header, postgres_down
from bench.history import scratch_history
from bench.history_quarter import QuarterTask
from bench.history_world import Plan
from bench.live_load import Commit, Load, drive
from infra.projections.registry import PROJECTIONS

TARGET_P99_MS = 500.0
LIVE_QUARTER = 40
"""The quarter whose drafts the load revises (2030Q1: after any generated history)."""
POLL = 0.002
"""Seconds between the observer's readings of the tracking positions."""


class Observer:
    """Reads the lowest serving tracking position of every projection in a loop."""

    def __init__(self, env: Env, projections: int) -> None:
        self.env, self.projections = env, projections
        self.seen: list[tuple[float, int]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self.run, daemon=True)

    def lowest(self, conn: psycopg.Connection[Any]) -> int:
        schema = self.env["KAOHE_POSTGRES_SCHEMA"]
        row = conn.execute(
            sql.SQL(
                "SELECT count(*), min(t.position) FROM {} v JOIN {} t "
                "ON t.name = v.name AND t.version = v.active_version"
            ).format(
                sql.Identifier(schema, "projection_versions"),
                sql.Identifier(schema, "projection_tracking"),
            )
        ).fetchone()
        if row is None or row[0] < self.projections:
            return 0
        return int(row[1])

    def run(self) -> None:
        with psycopg.connect(self.env["KAOHE_DATABASE_URL"], autocommit=True) as conn:
            while not self._stop.is_set():
                position = self.lowest(conn)
                self.seen.append((time.monotonic(), position))
                time.sleep(POLL)

    def wait_until(self, position: int, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.seen and self.seen[-1][1] >= position:
                return True
            time.sleep(0.05)
        return False

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def lags(self, commits: list[Commit]) -> list[float | None]:
        """Seconds from each commit to the first reading at or past its position."""
        times = [t for t, _ in self.seen]
        lags: list[float | None] = []
        for _, committed, position in commits:
            i = bisect.bisect_left(times, committed)
            found = next((t for t, p in self.seen[i:] if p >= position), None)
            lags.append(None if found is None else found - committed)
        return lags


def worker(env: Env) -> subprocess.Popen[bytes]:
    """`kaohe projections run` for every projection, in its own process."""
    kaohe = Path(sys.executable).with_name("kaohe")
    return subprocess.Popen(
        [str(kaohe), "projections", "run"],
        env=os.environ | env,
        stdout=subprocess.DEVNULL,
    )


def head(env: Env) -> int:
    with psycopg.connect(env["KAOHE_DATABASE_URL"], autocommit=True) as conn:
        table = sql.Identifier(env["KAOHE_POSTGRES_SCHEMA"], "kaohe_events")
        row = conn.execute(sql.SQL("SELECT max(notification_id) FROM {}").format(table)).fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def loads(env: Env, history: int, drivers: int, rate: float, seconds: float) -> list[Load]:
    """The villages' drafts of a quarter after the history, shared among the drivers."""
    villages = Plan.for_events(history).all_villages()
    return [
        Load(
            QuarterTask(env, LIVE_QUARTER, tuple(villages[d::drivers]), d, time.time()),
            rate / drivers,
            seconds,
        )
        for d in range(drivers)
    ]


def measure(env: Env, args: argparse.Namespace) -> tuple[list[Commit], Observer]:
    """Start the worker and the drivers, wait for both to be ready, run the load."""
    context = get_context("spawn")
    ready, go, start = context.Queue(), context.Event(), context.Value("d", 0.0)
    observer = Observer(env, len(PROJECTIONS))
    projections = worker(env)
    drivers = [
        context.Process(target=drive, args=(load, ready, go, start))
        for load in loads(env, args.history, args.drivers, args.rate, args.seconds)
    ]
    try:
        for process in drivers:
            process.start()
        opened = sum(ready.get()[1] for _ in drivers)
        observer.start()
        if not observer.wait_until(head(env), timeout=900):
            raise RuntimeError("the projections did not catch up with the history")
        say(f"{opened} drafts open, projections at the head; load starts")
        start.value = time.monotonic() + 0.5
        go.set()
        commits = [c for _ in drivers for c in ready.get()[1]]
        observer.wait_until(max(p for _, _, p in commits), timeout=60)
    finally:
        observer.stop()
        projections.send_signal(signal.SIGTERM)
        projections.wait(30)
        for process in drivers:
            process.join(30)
    return sorted(commits), observer


def say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def report(commits: list[Commit], observer: Observer, args: argparse.Namespace) -> None:
    lags = observer.lags(commits)
    reached = [lag * 1000 for lag in lags if lag is not None]
    span = commits[-1][1] - commits[0][0]
    late = [(committed - due) * 1000 for due, committed, _ in commits]
    ms = {q: percentile(reached, q) for q in (0.5, 0.9, 0.99)}
    print(f"* history: {args.history} events generated into a scratch schema (dropped after)")
    print(f"* {args.drivers} driver processes, {args.rate:.0f} commands/s for {args.seconds:.0f} s")
    print("* one `kaohe projections run` worker process (default poll interval)")
    print(f"* tracking positions read every {POLL * 1000:.0f} ms\n")
    print("| | value |")
    print("|---|---:|")
    print(f"| commands | {len(commits)} |")
    print(f"| achieved rate | {len(commits) / span:.0f}/s |")
    behind = f"{percentile(late, 0.5):.0f} / {percentile(late, 0.99):.0f} ms"
    print(f"| commit later than due, p50 / p99 | {behind} |")
    for q, value in ms.items():
        print(f"| lag p{q * 100:.0f} | {value:.0f} ms |")
    print(f"| lag max | {max(reached):.0f} ms |")
    print(f"| never reached | {len(lags) - len(reached)} |")
    verdict = "met" if ms[0.99] < TARGET_P99_MS else "**MISSED**"
    print(f"\n* p99 lag target < {TARGET_P99_MS:.0f} ms: {verdict}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rate", type=float, default=200.0, help="commands per second in all")
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--drivers", type=int, default=2)
    parser.add_argument("--history", type=int, default=100_000, help="events before the load")
    parser.add_argument("--url", default=POSTGRES_URL)
    args = parser.parse_args()
    if (down := postgres_down(args.url)) is not None:
        print(f"PostgreSQL at {args.url} is unreachable, skipped: {down}")
        return 0
    with scratch_history(args.url, args.history) as env:
        commits, observer = measure(env, args)
    print(header("Live lag of the projections", "postgres", "bench.live_lag"))
    report(commits, observer, args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
