"""The two sides of the rebuild benchmark, each run alone in a fresh child process.

The baseline is the plain hand-written projector of bench.rebuild_baseline. Kaohe's side
rebuilds every projection in `infra.projections.registry.PROJECTIONS` together, from one
reading of the log, with `Projections(store).rebuild_together()` (its default batch of
5,000 events), as `kaohe projections rebuild` does; with `separate`, one after the other
with `Projections(store).rebuild(name)`. The parallel sides rebuild every projection with
`Projections(store).rebuild_parallel(workers=N)`, as `kaohe projections rebuild --workers N`
does."""

from __future__ import annotations

import cProfile
import json
import os
import resource
import sys
import time
from functools import partial
from pathlib import Path
from typing import Any

from bench import rebuild_baseline
from bench.rss import status_kb
from infra.bootstrap import open_event_store
from infra.projections.rebuild import BATCH
from infra.projections.registry import PROJECTIONS, Projections
from infra.settings import Settings

REPORT_EVERY = 100_000
ALL = "all"
PARALLEL = "kaohe --workers "
"""The side of a rebuild in several processes, followed by their number."""
READING = "reading and applying the log"
FINISHING = "settling, indexes, switch"


def say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def kaohe(profile: Path | None, separate: bool = False) -> dict[str, Any]:
    """Rebuild every projection of the store the environment names; the figures of the run
    (its parts: each projection when `separate`, else the phases of the rebuild)."""
    store = open_event_store(Settings.from_env(os.environ))
    try:
        projections = Projections(store)
        projections.ensure()  # the catalog and any version 1: set-up, not the rebuild
        head = store.recorder.max_notification_id() or 0
        profiler = cProfile.Profile() if profile is not None else None
        parts: dict[str, float] = {}
        peaks: dict[str, int] = {}
        last: dict[str, float] = {"at": 0.0, "peak": 0}

        def progress(position: int, _head: int, name: str = "all") -> None:
            last["at"], last["peak"] = time.perf_counter(), status_kb("VmHWM")
            if position // REPORT_EVERY != (position - BATCH) // REPORT_EVERY:
                say(f"  {name}: at position {position} of {head}")

        def run(part: str, call: Any, *args: Any) -> float:
            start = time.perf_counter()
            if profiler is not None:
                profiler.runcall(call, *args)
            else:
                call(*args)
            parts[part] = time.perf_counter() - start
            peaks[part] = status_kb("VmHWM")
            return start

        if separate:
            for name in PROJECTIONS:
                run(name, projections.rebuild, name, partial(progress, name=name))
        else:
            start = run(ALL, projections.rebuild_together, None, progress)
            reading = last["at"] - start
            parts |= {READING: reading, FINISHING: parts.pop(ALL) - reading}
            peaks |= {READING: int(last["peak"]), FINISHING: peaks.pop(ALL)}
        if profiler is not None and profile is not None:
            profiler.dump_stats(profile)
        seconds = sum(parts.values())
        return {"side": "kaohe", "events": head, "seconds": seconds, "parts": parts, "peaks": peaks}
    finally:
        store.close()


def kaohe_parallel(workers: int) -> dict[str, Any]:
    """Rebuild every projection with `workers` processes (`kaohe projections rebuild
    --workers N`); its peak: the largest of this process and its workers."""
    store = open_event_store(Settings.from_env(os.environ))
    try:
        projections = Projections(store)
        projections.ensure()
        head = store.recorder.max_notification_id() or 0
        start = time.perf_counter()
        projections.rebuild_parallel(workers=workers)
        seconds = time.perf_counter() - start
    finally:
        store.close()
    worker_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    side = f"{PARALLEL}{workers}"
    return {"side": side, "events": head, "seconds": seconds, "parts": {}, "peaks": {}} | {
        "worker_peak_kb": worker_kb
    }


def cpu_seconds() -> float:
    """User and system CPU time of this process and of the processes it waited for (its
    workers); PostgreSQL's is not counted. On a busy machine the wall time of a side mostly
    measures how long it waited for a core; its CPU time moves much less."""
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def run_side(
    side: str, url: str, schema: str, scratch: str, profile: Path | None, separate: bool = False
) -> None:
    """In this (fresh) process: one side, then its figures and peak RSS as JSON on stdout."""
    before = status_kb("VmRSS")
    cpu = cpu_seconds()
    if side == "kaohe":
        figures = kaohe(profile, separate)
    elif side.startswith(PARALLEL):
        figures = kaohe_parallel(int(side.removeprefix(PARALLEL)))
    else:
        figures = rebuild_baseline.run(url, schema, scratch)
    peak = max(status_kb("VmHWM"), figures.pop("worker_peak_kb", 0))
    figures |= {"rss_before_kb": before, "peak_kb": peak, "cpu_seconds": cpu_seconds() - cpu}
    print(json.dumps(figures))
