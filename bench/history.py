"""A realistic PostgreSQL history of N events, every one made by the application.

The world (bench.history_world) is set up once; then quarter after quarter every village
goes through a quarter of work (bench.history_quarter), its towns shared among worker
processes, until the log holds at least N events. The history goes into the schema
`kaohe_bench_history_<N>`, which is kept: a marker table written when the history is
complete lets later runs reuse it (`--fresh` regenerates it).

    .venv/bin/python -m bench.history --events 1000000 [--workers 2] [--fresh]
"""

from __future__ import annotations

import argparse
import math
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

import psycopg
from psycopg import sql

from bench.harness import POSTGRES_URL, Env, postgres_down
from bench.history_quarter import QuarterTask, run_quarter
from bench.history_world import PhaseClock, Plan, open_app, period, set_up

EVENTS_TABLE = "kaohe_events"
"""The library's table of the `Kaohe` application's events."""
MARKER = "bench_history"
FIRST_GUESS = 64.0
"""Events per village and quarter before the first quarter has measured it."""


def schema_for(events: int) -> str:
    return f"kaohe_bench_history_{events}"


def store_env(url: str, schema: str, data_dir: str) -> Env:
    return {"KAOHE_DATA_DIR": data_dir, "KAOHE_DATABASE_URL": url, "KAOHE_POSTGRES_SCHEMA": schema}


@dataclass(frozen=True)
class History:
    """A complete generated history: its schema and what the marker says about it."""

    schema: str
    events: int
    towns: int
    quarters: int
    seconds: float


def complete(url: str, schema: str) -> History | None:
    """The history in `schema` if its marker exists and the log still has its events."""
    with psycopg.connect(url, autocommit=True) as conn:
        found = conn.execute(
            "SELECT 1 FROM information_schema.tables WHERE table_schema = %s AND table_name = %s",
            (schema, MARKER),
        ).fetchone()
        if found is None:
            return None
        marker = sql.Identifier(schema, MARKER)
        row = conn.execute(
            sql.SQL("SELECT events, towns, quarters, seconds FROM {}").format(marker)
        ).fetchone()
        if row is None:
            return None
        events = sql.Identifier(schema, EVENTS_TABLE)
        count = conn.execute(sql.SQL("SELECT count(*) FROM {}").format(events)).fetchone()
    if count is None or count[0] != row[0]:
        return None
    return History(schema, int(row[0]), int(row[1]), int(row[2]), float(row[3]))


def ensure_history(
    url: str, events: int, data_dir: str, fresh: bool = False, workers: int = 2
) -> History:
    """The reusable history of `events` events, generated first if missing or `fresh`."""
    schema = schema_for(events)
    found = None if fresh else complete(url, schema)
    if found is not None:
        return found
    drop_schema(url, schema)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
    history = generate(store_env(url, schema, data_dir), events, workers)
    with psycopg.connect(url, autocommit=True) as conn:
        marker = sql.Identifier(schema, MARKER)
        conn.execute(
            sql.SQL(
                "CREATE TABLE {} (events BIGINT, towns INT, quarters INT, seconds FLOAT, "
                "made TIMESTAMPTZ DEFAULT now())"
            ).format(marker)
        )
        conn.execute(
            sql.SQL("INSERT INTO {} VALUES (%s, %s, %s, %s)").format(marker),
            (history.events, history.towns, history.quarters, history.seconds),
        )
    return History(schema, history.events, history.towns, history.quarters, history.seconds)


@contextmanager
def scratch_history(url: str, events: int, workers: int = 2) -> Iterator[Env]:
    """A throwaway schema holding a generated history of about `events` events."""
    schema = f"kaohe_bench_scratch_{time.time_ns() % 10**12}"
    with tempfile.TemporaryDirectory(prefix="kaohe-bench-") as tmp:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
        try:
            env = store_env(url, schema, tmp)
            generate(env, events, workers)
            yield env
        finally:
            drop_schema(url, schema)


def drop_schema(url: str, schema: str) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema)))


def generate(
    env: Env, events: int, workers: int, say: Callable[[str], None] | None = None
) -> History:
    """Set up the world, then quarters of village work until the log has `events` events."""
    say = say or (lambda line: print(line, file=sys.stderr, flush=True))
    started, plan = time.monotonic(), Plan.for_events(events)
    with tempfile.TemporaryDirectory(prefix="kaohe-bench-files-") as files:
        app = open_app(env, PhaseClock(-4, time.time()), Path(files))
        try:
            set_up(app, plan)
            count = app.store.history.max_position()
        finally:
            app.close()
    say(f"world: {plan.towns} towns of 100 villages, {count} events")
    villages, per_village, quarter = plan.all_villages(), FIRST_GUESS, 0
    context = get_context("spawn")  # no connection pool crosses a fork
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        while count < events:
            wanted = min(len(villages), math.ceil((events - count) / per_village))
            tasks = split(env, quarter, villages[:wanted], workers)
            done = sum(pool.map(run_quarter, tasks))
            before, count = count, count_events(env)
            per_village = (count - before) / wanted
            rate = count / (time.monotonic() - started)
            say(f"{period(quarter)}: {wanted} villages, {done} commands")
            say(f"  {count} events in the log, {rate:.0f} events/s so far")
            quarter += 1
    seconds = time.monotonic() - started
    return History(env["KAOHE_POSTGRES_SCHEMA"], count, plan.towns, quarter, seconds)


def split(env: Env, quarter: int, villages: list[str], workers: int) -> list[QuarterTask]:
    """Whole towns to each worker, round robin; every task starts the phase's clock alike."""
    towns = sorted({Plan.town_of(v) for v in villages})
    wall_start = time.time()
    tasks = []
    for w in range(min(workers, len(towns))):
        mine = set(towns[w::workers])
        batch = tuple(v for v in villages if Plan.town_of(v) in mine)
        tasks.append(
            QuarterTask(env, quarter, batch, seed=quarter * 1000 + w, wall_start=wall_start)
        )
    return tasks


def count_events(env: Env) -> int:
    schema = env["KAOHE_POSTGRES_SCHEMA"]
    with psycopg.connect(env["KAOHE_DATABASE_URL"], autocommit=True) as conn:
        table = sql.Identifier(schema, EVENTS_TABLE)
        row = conn.execute(sql.SQL("SELECT count(*) FROM {}").format(table)).fetchone()
    return int(row[0]) if row else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--fresh", action="store_true", help="regenerate even if complete")
    parser.add_argument("--url", default=POSTGRES_URL)
    args = parser.parse_args()
    if (down := postgres_down(args.url)) is not None:
        print(f"PostgreSQL at {args.url} is unreachable: {down}")
        return 1
    with tempfile.TemporaryDirectory(prefix="kaohe-bench-") as tmp:
        h = ensure_history(args.url, args.events, tmp, args.fresh, args.workers)
    print(
        f"history in schema {h.schema}: {h.events} events, {h.towns} towns, "
        f"{h.quarters} quarters, generated in {h.seconds:.0f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
