"""Benchmark 6: reading the past from the read models, on the generated PostgreSQL history.

At a moment in the middle of a quarter of the history (half the assessments of that quarter
are part-way through their workflow): one assessment's sheet as of that moment, and a town's
quarterly table of its 100 stations as of that moment (`infra.projections.tables.read_tables`
with `TableRequest("quarterly", town, period, as_of=moment)`). Each reading finds the log
position of the moment (`Projections.position_at`) and reads at it. The baselines load the same
assessments' aggregates as of the moment with `Kaohe.assessments.get(aid, as_of=…)` (one,
or the town's 100). Cases alternate round by round; each round takes another station or
town.

    .venv/bin/python -m bench.as_of --events 1000000 [--rounds 30]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from collections.abc import Callable
from datetime import datetime
from uuid import UUID

import psycopg
from psycopg import sql

from application.service import Kaohe
from bench.harness import (
    POSTGRES_URL,
    Prepare,
    header,
    interleaved,
    median,
    open_kaohe,
    postgres_down,
    quartiles,
)
from bench.history import ensure_history, store_env
from bench.history_world import RUBRIC, Plan, period, quarter_start
from domain.ids import assessment_id, rubric_version_id, unit_id
from infra.projections.registry import Projections
from infra.projections.tables import TableRequest, read_tables
from projections.scores import SheetFilter

TARGETS_MS = {"sheet": 5.0, "table": 100.0}


FRACTION = 0.96
"""How far into a quarter's events the moment falls: past every whole self sheet (most of a
quarter's events), amid the revisions, submissions, reviews and approvals."""


def moment(env: dict[str, str], quarter: int) -> datetime:
    """The time by which FRACTION of the quarter's events were recorded."""
    schema = env["KAOHE_POSTGRES_SCHEMA"]
    with psycopg.connect(env["KAOHE_DATABASE_URL"], autocommit=True) as conn:
        row = conn.execute(
            sql.SQL(
                'SELECT percentile_disc(%s) WITHIN GROUP (ORDER BY "timestamp") FROM {} '
                'WHERE "timestamp" >= %s AND "timestamp" < %s'
            ).format(sql.Identifier(schema, "kaohe_event_times")),
            (FRACTION, quarter_start(quarter), quarter_start(quarter + 1)),
        ).fetchone()
    if row is None or row[0] is None:
        raise LookupError(f"no events in {period(quarter)}")
    at: datetime = row[0]
    return at


class Readings:
    """The timed readings and their baselines at one moment of one quarter. A case's
    `prepare` picks the next station (or town) from its own generator, seeded alike, so a
    reading and its baseline take the same stations in the same order."""

    def __init__(
        self, app: Kaohe, projections: Projections, plan: Plan, quarter: int, at: datetime
    ) -> None:
        self.app, self.projections, self.plan, self.at = app, projections, plan, at
        self.period = period(quarter)
        self.rubric = rubric_version_id(RUBRIC, 1)
        self.scores = projections.scores()

    def aid(self, village: str) -> UUID:
        return assessment_id(unit_id(village), self.rubric, self.period)

    def stations(self, seed: int = 1) -> Callable[[], str]:
        rng, villages = random.Random(seed), self.plan.all_villages()
        return lambda: rng.choice(villages)

    def towns(self, seed: int = 2) -> Callable[[], str]:
        rng, towns = random.Random(seed), self.plan.town_codes()
        return lambda: rng.choice(towns)

    def position(self) -> Prepare:
        return lambda: lambda: self.projections.position_at(self.at)

    def sheet(self) -> Prepare:
        pick = self.stations()

        def prepare() -> Callable[[], object]:
            aid = self.aid(pick())
            return lambda: self.scores.sheet(aid, as_of=self.projections.position_at(self.at))

        return prepare

    def sheet_baseline(self) -> Prepare:
        pick = self.stations()

        def prepare() -> Callable[[], object]:
            aid = self.aid(pick())
            return lambda: self.app.assessments.get(aid, as_of=self.at)

        return prepare

    def sheets(self) -> Prepare:
        pick = self.towns()

        def prepare() -> Callable[[], object]:
            units = frozenset(unit_id(v) for v in self.plan.villages(pick()))
            where = SheetFilter(unit_ids=units, period=self.period)
            return lambda: self.scores.sheets(where, as_of=self.projections.position_at(self.at))

        return prepare

    def table(self) -> Prepare:
        pick = self.towns()

        def prepare() -> Callable[[], object]:
            request = TableRequest("quarterly", pick(), self.period, as_of=self.at)
            return lambda: read_tables(self.projections, request)

        return prepare

    def town_baseline(self) -> Prepare:
        pick = self.towns()

        def prepare() -> Callable[[], object]:
            aids = [self.aid(v) for v in self.plan.villages(pick())]
            return lambda: [self.app.assessments.get(aid, as_of=self.at) for aid in aids]

        return prepare

    def agreement(self, town: str) -> tuple[int, int]:
        """(sheets whose version as of the position equals the aggregate's as of the time,
        sheets compared) for one town: the timestamp index and the log agree."""
        position = self.projections.position_at(self.at)
        units = frozenset(unit_id(v) for v in self.plan.villages(town))
        rows = self.scores.sheets(SheetFilter(unit_ids=units, period=self.period), position)
        same = sum(
            row.version == self.app.assessments.get(row.assessment_id, as_of=self.at).version
            for row in rows
        )
        return same, len(rows)


def cell(samples: list[float]) -> str:
    low, high = quartiles(samples)
    return f"{median(samples):.2f} ({low:.2f}–{high:.2f})"


def figures(readings: Readings, rounds: int) -> list[str]:
    """One Markdown row per reading: Kaohe's and the baseline's ms, ratio, target."""
    cases: list[tuple[str, Prepare, Prepare | None, str | None]] = [
        ("log position of the moment (`position_at`)", readings.position(), None, None),
        ("one sheet as of the moment", readings.sheet(), readings.sheet_baseline(), "sheet"),
        ("a town's 100 sheets as of the moment", readings.sheets(), readings.town_baseline(), None),
        (
            "a town's quarterly table as of the moment",
            readings.table(),
            readings.town_baseline(),
            "table",
        ),
    ]
    rows = []
    for label, kaohe, baseline, target in cases:
        timed = {"kaohe": kaohe} | ({} if baseline is None else {"baseline": baseline})
        times = interleaved(timed, rounds)
        ours = times["kaohe"]
        ratio = "–" if baseline is None else f"{median(times['baseline']) / median(ours):.2f}"
        base = "–" if baseline is None else cell(times["baseline"])
        verdict = "–"
        if target is not None:
            limit = TARGETS_MS[target]
            verdict = f"p50 < {limit:.0f} ms " + ("met" if median(ours) < limit else "**MISSED**")
        rows.append(f"| {label} | {cell(ours)} | {base} | {ratio} | {verdict} |")
    return rows


def up_to_date(projections: Projections) -> None:
    """Rebuild any projection built by other code (another layout), then catch up."""
    for status in projections.status():
        if status.stale:
            say(f"rebuilding {status.name}: its version was built by other code")
            projections.rebuild(status.name)
    say("bringing every projection up to the head of the log")
    projections.catch_up()


def say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--workers", type=int, default=2, help="to generate the history")
    parser.add_argument("--url", default=POSTGRES_URL)
    args = parser.parse_args()
    if (down := postgres_down(args.url)) is not None:
        print(f"PostgreSQL at {args.url} is unreachable, skipped: {down}")
        return 0
    with tempfile.TemporaryDirectory(prefix="kaohe-bench-") as tmp:
        history = ensure_history(args.url, args.events, tmp, workers=args.workers)
        env = store_env(args.url, history.schema, tmp)
        app = open_kaohe(env)
        try:
            projections = Projections(app.store)
            up_to_date(projections)
            plan, quarter = Plan(history.towns), history.quarters // 2
            at = moment(env, quarter)
            readings = Readings(app, projections, plan, quarter, at)
            same, compared = readings.agreement(plan.town_codes()[0])
            rows = figures(readings, args.rounds)
        finally:
            app.close()
    print(header("Reading as of a moment", "postgres", "bench.as_of"))
    print(f"* history: schema `{history.schema}`, {history.events} events, {history.towns} towns")
    print(f"* moment: {at.isoformat()} ({FRACTION:.0%} into {period(quarter)}'s events)")
    print(f"* {args.rounds} interleaved rounds after 3 warm-up rounds; medians (IQR)")
    print(f"* check: {same} of {compared} sheets of T001 as of the position have the version")
    print("  that `assessments.get(as_of=moment)` loads\n")
    print("| reading | Kaohe ms | baseline ms | ratio | target |")
    print("|---|---:|---:|---:|---|")
    print("\n".join(rows))
    print("\nBaselines: `Kaohe.assessments.get(aid, as_of=moment)`, once or for the 100 stations.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
