"""The 操作记录表's first page on the demo against the table index of the same app (the
baseline), and against the whole trail as one table (its CSV download), as a regulator.

Usage: `.venv/bin/python -m bench.audit_page [ROUNDS]`, on a demo store in `KAOHE_DATA_DIR`
(made with `kaohe demo`); prints a Markdown section for bench/RESULTS.md."""

from __future__ import annotations

import sys
from collections.abc import Callable

from flask.testing import FlaskClient

from bench.harness import header, interleaved, median, quartiles
from infra.bootstrap import open_event_store
from infra.projections.registry import Projections
from infra.settings import Settings
from web.app import create_app, services_of

PAGES = {
    "the table index (baseline)": "/tables",
    "操作记录表, first page": "/tables/audit",
    "操作记录表, second page": None,
    "the whole trail as CSV": "/tables/audit/csv",
}


def signed_in(client: FlaskClient) -> None:
    form = {"username": "regulator", "password": "demo-regulator-2023"}
    if client.post("/login", data=form).status_code != 303:
        raise SystemExit("the demo's regulator cannot sign in: is KAOHE_DATA_DIR a demo store?")


def second_page(client: FlaskClient) -> str:
    first = client.get("/tables/audit").get_data(as_text=True)
    cursor = first.split('rel="next"')[0].rsplit("before=", 1)[1].split('"')[0]
    return "/tables/audit?before=" + cursor


def caught_up(settings: Settings) -> None:
    """The read models hold the whole demo before anything is timed."""
    store = open_event_store(settings)
    try:
        Projections(store).catch_up()
    finally:
        store.close()


def main(rounds: int) -> None:
    settings = Settings.from_env()
    caught_up(settings)
    app = create_app(settings, config={"KAOHE_SECURE_COOKIES": False})
    client = app.test_client()
    signed_in(client)
    paths = {**PAGES, "操作记录表, second page": second_page(client)}
    sizes = {name: len(client.get(path).data) for name, path in paths.items() if path}

    def case(path: str) -> Callable[[], Callable[[], object]]:
        return lambda: lambda: client.get(path)

    times = interleaved({name: case(path) for name, path in paths.items() if path}, rounds)
    base = median(times["the table index (baseline)"])
    print(header("操作记录表 first page", "SQLite demo", "bench.audit_page"))
    print("| GET | median ms [IQR] | ÷ baseline | bytes |")
    print("|---|---|---|---|")
    for name, samples in times.items():
        low, high = quartiles(samples)
        print(
            f"| {name} | {median(samples):.1f} [{low:.1f}–{high:.1f}] "
            f"| {median(samples) / base:.1f} × | {sizes[name]:,} |"
        )
    services_of(app).kaohe.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10)
