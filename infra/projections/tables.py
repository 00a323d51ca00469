"""Reading the tables bureaus hand up: the read models, now or as of a moment, through the
pure table builders. Which rubric a table uses is decided by what the rubric defines (a
summary table, compliance targets, assignments, progress items), never by its code."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from uuid import UUID

from domain.china_time import in_words
from domain.rubric import PeriodKind, Rubric, UnitLevel
from domain.rules import Kind
from domain.workflow import QUARTER, period_problem
from infra.errors import TableRequestError
from infra.projections.registry import Projections
from infra.projections.scores_sql import SqlScoresReader
from infra.projections.units_sql import SqlUnitsReader
from projections.audit_trail import AuditQuery, AuditRow
from projections.scores import SCORES, ScoreRow, SheetFilter
from projections.spot_checks.reading import read_report
from projections.spot_checks.settings import RiskSettings
from projections.tables import (
    Hierarchy,
    Table,
    compliance_table,
    county_summary_table,
    hierarchy_on,
    last_day_of,
    progress_table,
    quarterly_table,
    quarters_through,
    scores_table,
    tasks_table,
)
from projections.tables.audit import audit_table
from projections.tables.risk import risk_table
from projections.units import FOREVER, UNITS, subtree

TABLES = (
    *("scores", "quarterly", "county-summary", "compliance", "tasks", "progress", "audit"),
    "risk",
)


@dataclass(frozen=True)
class TableRequest:
    """Which table, for which unit's subtree (None: the whole hierarchy), which period (None:
    every period with sheets), as of which moment (None: now). `today` decides what is
    overdue in the task tracker when no moment is given."""

    name: str
    unit: str | None = None
    period: str | None = None
    as_of: datetime | None = None
    today: date | None = None


@dataclass(frozen=True)
class Sources:
    """The read models a request reads, at its log position (None: live)."""

    units: SqlUnitsReader
    scores: SqlScoresReader
    position: int | None
    request: TableRequest
    hierarchies: dict[date, Hierarchy] = field(default_factory=dict, compare=False)

    @cached_property
    def roots(self) -> list[UUID]:
        """The requested unit, or every top-level unit."""
        if self.request.unit is None:
            return [uid for uid, parent in self.units.parents_on(FOREVER).items() if not parent]
        found = self.units.unit_by_code(self.request.unit)
        if found is None:
            msg = f"no unit with code {self.request.unit!r}"
            if self.position is not None:
                msg += f" as of {self.request.as_of}"
            raise TableRequestError(msg)
        return [found.unit_id]

    def under(self, period: str) -> frozenset[UUID] | None:
        """The units under the requested unit in the hierarchy of the period's last day
        (None: no unit was asked for, so every unit)."""
        if self.request.unit is None:
            return None
        hierarchy = self.hierarchy(period)
        return frozenset().union(*(hierarchy.subtree(root) for root in self.roots))

    def sheets(self, rubric: Rubric, period: str | None = None) -> list[ScoreRow]:
        """The rubric's sheets (of a period: under the requested unit, if any)."""
        units = None if period is None else self.under(period)
        where = SheetFilter(unit_ids=units, period=period, rubric_code=rubric.code)
        found = self.scores.sheets(where, as_of=self.position)
        return [r for r in found if r.head.rubric_version == rubric.version]

    def periods(self, rubric: Rubric) -> list[str]:
        """The period asked for, else each period the rubric has sheets in under the unit
        asked for (as the hierarchy of that period places them)."""
        if self.request.period is not None:
            return [self.request.period]
        every = sorted({r.head.period for r in self.sheets(rubric)})
        return every if self.request.unit is None else [p for p in every if self.sheets(rubric, p)]

    def year_so_far(self, rubric: Rubric, period: str) -> list[ScoreRow]:
        """The rubric's sheets of every quarter of the year up to the period (for the
        cumulative compliance)."""
        return [row for quarter in quarters_through(period) for row in self.sheets(rubric, quarter)]

    def hierarchy(self, period: str) -> Hierarchy:
        day = last_day_of(period)
        if day not in self.hierarchies:
            self.hierarchies[day] = hierarchy_on(self.units, day)
        return self.hierarchies[day]

    def rubrics(self, fits: Callable[[Rubric], bool], table: str) -> list[Rubric]:
        found = [r for r in self.scores.rubrics() if fits(r)]
        if not found:
            raise TableRequestError(f"no published rubric defines what the {table} table needs")
        return found


def read_tables(
    projections: Projections, request: TableRequest, position: int | None = None
) -> list[Table]:
    """The tables asked for: one per rubric, period and unit the request spans; computed at
    `position` of the log when given (so a stamped download can be recomputed later)."""
    if request.name not in TABLES:
        msg = f"no table {request.name!r}; the tables are {', '.join(TABLES)}"
        raise TableRequestError(msg)
    if request.period is not None and (problem := period_problem(request.period)):
        raise TableRequestError(problem.english)
    if position is None and request.as_of is not None:
        position = projections.position_at(request.as_of)
    sources = Sources(projections.units(position), projections.scores(), position, request)
    tables = BUILDERS[request.name](projections, sources)
    if request.as_of is not None:
        moment = in_words(request.as_of)
        tables = [t.with_context(f"数据截至：{moment}（日志位置 {position}）") for t in tables]
    return tables


def _summary(kind: PeriodKind, build: Callable[..., Table]) -> Builder:
    def tables(projections: Projections, s: Sources) -> list[Table]:
        fits = [
            r for r in s.rubrics(lambda r: r.summary is not None, "summary") if r.period is kind
        ]
        return [
            build(rubric, period, root, sheets, s.hierarchy(period))
            for rubric, period, sheets in in_use(s, fits)
            for root in s.roots
        ]

    return tables


def in_use(s: Sources, rubrics: list[Rubric]) -> list[tuple[Rubric, str, list[ScoreRow]]]:
    """Each rubric version with its period and sheets, leaving out a version without sheets
    in a period where another version of its code has some (a version superseded before that
    period, or published after it, would only add an empty table)."""
    found = [(r, p, s.sheets(r, p)) for r in rubrics for p in s.periods(r)]
    used = {(r.code, p) for r, p, sheets in found if sheets}
    return [(r, p, sheets) for r, p, sheets in found if sheets or (r.code, p) not in used]


def _compliance(projections: Projections, s: Sources) -> list[Table]:
    rubrics = s.rubrics(lambda r: bool(r.compliance_targets), "compliance")
    periods = [(r, p) for r, p, _ in in_use(s, rubrics)]
    for rubric, period in periods:
        if rubric.period is PeriodKind.QUARTER and not QUARTER.match(period):
            raise TableRequestError(f"compliance is per quarter (like 2023Q2), not {period!r}")
    return [
        compliance_table(rubric, period, root, s.year_so_far(rubric, period), s.hierarchy(period))
        for rubric, period in periods
        for root in s.roots
    ]


PerSheet = Callable[[Rubric, ScoreRow, str, date], Table]


def _per_sheet(fits: Callable[[Rubric], bool], table: str, build: PerSheet) -> Builder:
    """One table per sheet under the unit (a task tracker or a progress report), as on the
    request's day (the moment asked for, else today)."""

    def tables(projections: Projections, s: Sources) -> list[Table]:
        on = s.request.as_of.date() if s.request.as_of else s.request.today or date.today()
        return [
            build(rubric, row, s.hierarchy(period).name(row.head.unit_id), on)
            for rubric in s.rubrics(fits, table)
            for period in s.periods(rubric)
            for row in s.sheets(rubric, period)
        ]

    return tables


def _scores(projections: Projections, s: Sources) -> list[Table]:
    units = {u.unit_id: u for u in s.units.all_units()}
    rows = s.scores.sheets(SheetFilter(period=s.request.period), as_of=s.position)
    under = {p: s.under(p) for p in {r.head.period for r in rows}}
    kept = [r for r in rows if (u := under[r.head.period]) is None or r.head.unit_id in u]
    titles = {(r.code, r.version): r.title for r in s.scores.rubrics()}
    return [scores_table(kept, units, people_of(projections), titles)]


def _audit(projections: Projections, s: Sources) -> list[Table]:
    unit = None if s.request.unit is None else s.roots[0]
    rows: list[AuditRow] = []
    before = None
    while True:
        page = projections.audit_trail(
            AuditQuery(unit_id=unit, as_of=s.position, before=before, limit=500)
        )
        rows += page.rows
        if page.next_before is None:
            break
        before = page.next_before
    names = {u.unit_id: u.name for u in s.units.all_units()}
    return [audit_table(rows, names, people_of(projections))]


def people_of(projections: Projections) -> dict[str, str]:
    """Accounts' display names by id, as the tables name who acted."""
    return {str(a.account_id): a.display_name for a in projections.accounts().all_accounts()}


def _risk(projections: Projections, s: Sources) -> list[Table]:
    """The risk report of each county in the unit's subtree (a county: its own), for one
    period, as the views stood at the request's moment (now: as far as they have applied)."""
    period = s.request.period
    if period is None:
        raise TableRequestError("the risk table is of one period: name it, like 2023Q2")
    position = applied_position(projections) if s.position is None else s.position
    units = projections.units(position)
    under = frozenset().union(*(subtree(units, root) for root in s.roots))
    found = sorted(units.all_units(), key=lambda u: u.code)
    names = {u.unit_id: u.name for u in found}
    people = people_of(projections)
    scores, settings = projections.scores(), RiskSettings()
    return [
        risk_table(read_report(scores, units, u.unit_id, period, settings, position, people), names)
        for u in found
        if u.level == UnitLevel.COUNTY.value and u.unit_id in under
    ]


def applied_position(projections: Projections) -> int:
    """The log position both the units and the scores views have applied: what they show."""
    return min(st.position for st in projections.status() if st.name in (UNITS, SCORES))


def _has_assignments(rubric: Rubric) -> bool:
    return any(item.assignment.lead or item.assignment.due for item in rubric.items())


def _has_progress(rubric: Rubric) -> bool:
    return any(item.kind is Kind.PROGRESS for item in rubric.items())


Builder = Callable[[Projections, Sources], list[Table]]
BUILDERS: dict[str, Builder] = {
    "scores": _scores,
    "quarterly": _summary(PeriodKind.QUARTER, quarterly_table),
    "county-summary": _summary(PeriodKind.YEAR, county_summary_table),
    "compliance": _compliance,
    "tasks": _per_sheet(_has_assignments, "tasks", tasks_table),
    "progress": _per_sheet(
        _has_progress, "progress", lambda rubric, row, name, on: progress_table(rubric, row, name)
    ),
    "audit": _audit,
    "risk": _risk,
}
