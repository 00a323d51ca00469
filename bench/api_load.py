"""What one request costs: the real WSGI app over the demo quarter, each request timed against
a static file of the same app in the same run, with its SQL statements (BEGIN and its end
included) and aggregate loads.

    .venv/bin/python -m bench.api_load [--backend sqlite|postgres] [--rounds 200]

The requests take turns round by round (the static file first in every round), so a noisy
machine slows every side alike; the ratios are the figures to compare."""

from __future__ import annotations

import argparse
import gc
import logging
import sqlite3
import statistics
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from psycopg import Connection, Cursor

from bench.harness import POSTGRES_URL, header, postgres_down, throwaway_store
from infra.bootstrap import build_kaohe, open_event_store
from infra.demo.clock import DemoClock
from infra.demo.loader import load_demo
from infra.demo.plan import DemoPlan
from infra.logging import configure_logging
from infra.projections.registry import Projections
from infra.settings import Settings
from web.app import create_app, projections_of, services_of
from web.auth import CSRF_HEADER

STATIC = "/static/kaohe.css"


@dataclass
class Counts:
    """SQL statements and aggregate loads seen since the last `take`."""

    statements: int = 0
    loads: Counter[str] = field(default_factory=Counter)

    def take(self) -> tuple[int, int]:
        taken = (self.statements, sum(self.loads.values()))
        self.statements, self.loads = 0, Counter()
        return taken


COUNTS = Counts()


@contextmanager
def counting_postgres() -> Iterator[None]:
    """Every psycopg statement from now on reports to COUNTS, with a BEGIN and a COMMIT or
    ROLLBACK for each transaction, as on SQLite."""
    execute, many, transaction = Cursor.execute, Cursor.executemany, Connection.transaction

    def counted(call: Callable[..., Any], step: int = 1) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            COUNTS.statements += step
            return call(*args, **kwargs)

        return run

    Cursor.execute = counted(execute)  # type: ignore[method-assign]
    Cursor.executemany = counted(many)  # type: ignore[method-assign]
    Connection.transaction = counted(transaction, 2)  # type: ignore[method-assign]
    try:
        yield
    finally:
        Cursor.execute = execute  # type: ignore[method-assign]
        Cursor.executemany = many  # type: ignore[method-assign]
        Connection.transaction = transaction  # type: ignore[method-assign]


@contextmanager
def counting_sqlite() -> Iterator[None]:
    """Every SQLite connection opened from now on reports its statements to COUNTS."""
    connect = sqlite3.connect

    def traced(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        connection: sqlite3.Connection = connect(*args, **kwargs)
        connection.set_trace_callback(
            lambda _: setattr(COUNTS, "statements", COUNTS.statements + 1)
        )
        return connection

    sqlite3.connect = traced  # type: ignore[assignment]
    try:
        yield
    finally:
        sqlite3.connect = connect


def count_loads(app: Flask) -> None:
    recorder = services_of(app).kaohe.store.recorder
    select = recorder.select_events

    def counted(originator_id: Any, *args: Any, **kwargs: Any) -> Any:
        COUNTS.loads[str(originator_id)] += 1
        return select(originator_id, *args, **kwargs)

    recorder.select_events = counted  # type: ignore[method-assign]


def signed_in(app: Flask, plan: DemoPlan, role: str, unit: str) -> FlaskClient:
    account = next(a for a in plan.accounts if a.role.value == role and a.unit_code == unit)
    client = app.test_client()
    answer = client.post(
        "/login", data={"username": account.username, "password": account.password}
    )
    assert answer.status_code == 303, answer.status_code
    return client


@dataclass
class Request:
    """One kind of request: a name and a call that must answer 200."""

    name: str
    call: Callable[[], Any]
    times: list[float] = field(default_factory=list)
    statements: list[int] = field(default_factory=list)
    loads: list[int] = field(default_factory=list)

    def run(self) -> None:
        gc.collect()
        COUNTS.take()
        start = time.perf_counter()
        answer = self.call()
        self.times.append((time.perf_counter() - start) * 1000)
        statements, loads = COUNTS.take()
        self.statements.append(statements)
        self.loads.append(loads)
        assert answer.status_code == 200, (self.name, answer.status_code, answer.data[:300])


def requests_of(app: Flask, plan: DemoPlan) -> list[Request]:
    regulator = signed_in(app, plan, "city_regulator", "DEMO")
    rows = regulator.get("/api/v1/assessments").get_json()
    approved = next(r for r in rows if r["status"] == "approved")
    draft = next(r for r in rows if r["status"] == "draft" and r["unit"].count("-") == 3)
    town = draft["unit"].rsplit("-", 1)[0]
    staff = signed_in(app, plan, "station_staff", draft["unit"])
    reviewer = signed_in(app, plan, "town_reviewer", town)
    csrf = staff.get_cookie("kaohe_csrf")
    assert csrf is not None
    version = [draft["version"]]
    points = iter(["1", "0"] * 100_000)

    def write() -> Any:
        answer = staff.put(
            f"/api/v1/assessments/{draft['id']}/items/1",
            json={"points": next(points)},
            headers={"If-Match": f'"{version[0]}"', CSRF_HEADER: csrf.value},
        )
        version[0] = int(answer.headers.get("ETag", '"0"').strip('"'))
        return answer

    return [
        Request("static file (floor)", lambda: staff.get(STATIC)),
        Request("sheet page", lambda: staff.get(f"/assessments/{draft['id']}")),
        Request(
            "sheet API GET (approved)",
            lambda: regulator.get(f"/api/v1/assessments/{approved['id']}"),
        ),
        Request("review queue", lambda: reviewer.get("/review")),
        Request(
            "table page (town scores)",
            lambda: reviewer.get(f"/tables/scores?unit={town}&period=2023Q2"),
        ),
        Request("item write (API PUT)", write),
    ]


def report(requests: list[Request]) -> None:
    floor = statistics.median(requests[0].times)
    print("| request | p50 ms | p95 ms | p50 ÷ floor | SQL statements | aggregate loads |")
    print("|---|---:|---:|---:|---:|---:|")
    for r in requests:
        p50 = statistics.median(r.times)
        p95 = statistics.quantiles(r.times, n=20)[18]
        sql = f"{statistics.median(r.statements):.0f}"
        print(
            f"| {r.name} | {p50:.2f} | {p95:.2f} | {p50 / floor:.1f}× | {sql} | "
            f"{statistics.median(r.loads):.0f} |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--url", default=POSTGRES_URL)
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()
    configure_logging(json=False, level=logging.ERROR)  # a log line per request would be timed
    if args.backend == "postgres" and (why := postgres_down(args.url)):
        print(f"skipped: PostgreSQL unreachable ({why})")
        return
    counting = counting_sqlite() if args.backend == "sqlite" else counting_postgres()
    with throwaway_store(args.backend, args.url) as env, counting:
        settings = Settings.from_env(env)
        store = open_event_store(settings)
        try:
            plan = load_demo(build_kaohe(settings, store, DemoClock()))
            Projections(store).catch_up()
        finally:
            store.close()
        app = create_app(settings, poll_projections=True, config={"KAOHE_SECURE_COOKIES": False})
        count_loads(app)
        requests = requests_of(app, plan)
        for _ in range(5):
            for r in requests:
                r.run()
        for r in requests:
            r.times.clear()
        for _ in range(args.rounds):
            for r in requests:
                r.run()
        print(header("What one request costs", args.backend, "bench.api_load"))
        projections_of(app).stop()
        services_of(app).kaohe.close()
        print(f"* the demo quarter; {args.rounds} rounds after 5 warm-up rounds, in turn")
        print()
        report(requests)


if __name__ == "__main__":
    main()
