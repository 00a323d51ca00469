"""The command load of the live-lag benchmark: one driver process of several.

A driver opens this quarter's drafts of its villages (untimed), says it is ready, waits for
the common start, then revises single self-scored items of random drafts on a fixed
schedule (open loop: command i is due at start + i / rate, whatever the earlier ones took)
and sends back, per command, when it committed and its log position."""

from __future__ import annotations

import random
import tempfile
import time
from dataclasses import dataclass
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Event
from pathlib import Path
from typing import Any

from bench.history_quarter import Quarter, QuarterTask, by
from bench.history_world import open_app
from domain.account import Role
from domain.workflow import Layer
from infra.clock import SystemClock


@dataclass(frozen=True)
class Load:
    """One driver's share: its villages, rate and duration; times are time.monotonic()
    (one clock for every process on Linux)."""

    task: QuarterTask
    rate: float
    seconds: float


Commit = tuple[float, float, int]
"""(due, committed, log position) of one command."""


def drive(load: Load, ready: Queue[Any], go: Event, start: Any) -> None:
    """Run in a child process: set up, report ready, then the timed load; the commits are
    put on `ready` (a list of `Commit`) when done."""
    with tempfile.TemporaryDirectory(prefix="kaohe-bench-files-") as files:
        app = open_app(load.task.env, SystemClock(), Path(files))
        try:
            quarter = Quarter(app, load.task)
            for village in load.task.villages:
                quarter.open(village)
            ready.put(("ready", len(load.task.villages)))
            go.wait()
            ready.put(("done", schedule(quarter, load, float(start.value))))
        finally:
            app.close()


def schedule(quarter: Quarter, load: Load, start: float) -> list[Commit]:
    rng = random.Random(load.task.seed)
    villages = list(load.task.villages)
    commits: list[Commit] = []
    count = int(load.rate * load.seconds)
    for i in range(count):
        due = start + i / load.rate
        wait = due - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        village = rng.choice(villages)
        outcome = quarter.revise(village, Layer.SELF, by(Role.STATION_STAFF, village))
        commits.append((due, time.monotonic(), outcome.position))
    return commits
