"""The compliance table (达标率): the share of stations that pass, against the quarter's target.

- stations: units at the rubric's scored level under a unit on the quarter's last day,
  registered by then and not closed by then (a unit registered or closed otherwise still
  counts if it has a sheet this quarter: it was operating then). A unit registered later
  changes no earlier quarter's rate.
- assessed (已验收): stations whose sheet this quarter is approved or finalized; drafts,
  submitted and returned sheets are not yet accepted.
- passed (达标): assessed and at or above the pass mark (a veto never passes).
- rate: passed ÷ stations, in percent to one decimal (half up): the rubric's targets are the
  share of stations at or above the pass mark, so unassessed stations count against it.
- a sheet disqualified under a name (一票否决（弄虚作假）: a falsification the county's spot
  check found) is said so in a note beside the figures, naming its stations.
- gap: rate − target, in percentage points (negative: behind target).
- cumulative: a station counts as passed if it passed in any quarter of the year so far;
  its rate is set against the same quarter's target.
- on time (按时报送) and timeliness rate (及时率), where the rubric declares deadlines: stations
  whose sheet this quarter was first submitted by the submission deadline, and their share
  of the stations, in percent (see `timeliness`); beside them reviewed on time (按时审核数)
  and the review timeliness rate (审核及时率): stations whose sheet the reviewing level first
  approved or returned by the review deadline, over the same stations.
One row per child of the root unit, then a total row (合计) for the whole subtree."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from uuid import UUID

from domain.rubric import PeriodKind, Rubric
from projections.numbers import TENTH, Rate
from projections.scores import ScoreRow
from projections.tables.hierarchy import Hierarchy
from projections.tables.periods import period_label, quarter_name, quarters_through
from projections.tables.summary import check_day
from projections.tables.table import Cell, Table
from projections.tables.timeliness import REVIEW, on_time, timely_note
from projections.tables.wording import accepted, passed, verdict

COMPLIANCE = "compliance"
COLUMNS = (
    *("单位", "服务站数", "已验收", "达标数", "达标率(%)", "目标(%)", "差距(百分点)"),
    *("累计达标数", "累计达标率(%)", "累计差距(百分点)"),
)
TIMELY_COLUMNS = ("按时报送数", "及时率(%)", "按时审核数", "审核及时率(%)")


@dataclass(frozen=True)
class Sheets:
    """Which stations have a sheet this quarter, are accepted, passed, or ever passed."""

    sheeted: frozenset[UUID]
    assessed: frozenset[UUID]
    passed: frozenset[UUID]
    passed_this_year: frozenset[UUID]
    on_time: frozenset[UUID] = frozenset()
    reviewed_on_time: frozenset[UUID] = frozenset()
    disqualified: Mapping[UUID, str] = field(default_factory=dict)
    """Accepted stations whose result is a veto recorded under a name: the result in words."""


def compliance_table(
    rubric: Rubric, period: str, root: UUID, rows: Iterable[ScoreRow], hierarchy: Hierarchy
) -> Table:
    """达标率 of the stations under `root` for a quarter, per child unit and in total."""
    target = quarter_target(rubric, period)
    check_day(hierarchy, period)
    sheets = sort_sheets(rubric, period, rows)
    timely = rubric.deadlines is not None
    lines = [
        line(hierarchy.name(child), found, sheets, target, timely)
        for child in hierarchy.children(root)
        if (found := stations(rubric, hierarchy, child, sheets)) or hierarchy.existed(child)
    ]
    total = line("合计", stations(rubric, hierarchy, root, sheets), sheets, target, timely)
    return Table(
        name=COMPLIANCE,
        title="达标率统计表",
        columns=(*COLUMNS, *TIMELY_COLUMNS) if timely else COLUMNS,
        rows=(*lines, total),
        context=(
            f"填报单位：{hierarchy.name(root)}",
            f"期间：{period_label(period)}",
            f"评分表：{rubric.title}",
            f"口径：达标指已验收且总分不低于{rubric.pass_mark}分；达标率＝达标数÷服务站数；"
            "累计指本年度任一季度达标",
            *((timely_note(rubric, period),) if timely else ()),
            *disqualified_note(hierarchy, stations(rubric, hierarchy, root, sheets), sheets),
        ),
        footer=("负责人：　　　　　　经办人：　　　　　　联系电话：",),
    )


def quarter_target(rubric: Rubric, period: str) -> Decimal:
    if rubric.period is not PeriodKind.QUARTER or not rubric.compliance_targets:
        msg = f"rubric {rubric.code} sets no quarterly compliance targets (达标率目标)"
        raise ValueError(msg)
    if rubric.pass_mark is None:
        raise ValueError(f"rubric {rubric.code} sets no pass mark, so no station can pass")
    quarters_through(period)  # refuses a year
    target = rubric.compliance_target(quarter_name(period))
    if target is None:
        known = ", ".join(q for q, _ in rubric.compliance_targets)
        raise ValueError(f"rubric {rubric.code} sets no target for {period}; it sets {known}")
    return target


def sort_sheets(rubric: Rubric, period: str, rows: Iterable[ScoreRow]) -> Sheets:
    year = quarters_through(period)
    mine = [r for r in rows if r.head.rubric_code == rubric.code and r.head.period in year]
    now = [r for r in mine if r.head.period == period]
    return Sheets(
        sheeted=frozenset(r.head.unit_id for r in now),
        assessed=frozenset(r.head.unit_id for r in now if accepted(r)),
        passed=frozenset(r.head.unit_id for r in now if passed(r)),
        passed_this_year=frozenset(r.head.unit_id for r in mine if passed(r)),
        on_time=on_time(rubric, now),
        reviewed_on_time=on_time(rubric, now, REVIEW),
        disqualified={
            r.head.unit_id: verdict(r) for r in now if accepted(r) and r.summary.vetoed_for
        },
    )


def stations(rubric: Rubric, hierarchy: Hierarchy, under: UUID, sheets: Sheets) -> set[UUID]:
    level = rubric.scored_level.value
    return {
        uid
        for uid in hierarchy.subtree(under)
        if (unit := hierarchy.unit(uid)) is not None
        and unit.level == level
        and ((hierarchy.existed(uid) and not unit.closed) or uid in sheets.sheeted)
    }


def line(
    label: str, units: set[UUID], sheets: Sheets, target: Decimal, timely: bool = False
) -> tuple[Cell, ...]:
    passed_now, passed_ever = len(units & sheets.passed), len(units & sheets.passed_this_year)
    rate, rate_ever = percent(passed_now, len(units)), percent(passed_ever, len(units))
    timeliness = (
        (*counted(units, sheets.on_time), *counted(units, sheets.reviewed_on_time))
        if timely
        else ()
    )
    return (
        label,
        len(units),
        len(units & sheets.assessed),
        passed_now,
        rate,
        Rate(target),
        None if rate is None else rate - target,
        passed_ever,
        rate_ever,
        None if rate_ever is None else rate_ever - target,
        *timeliness,
    )


def counted(units: set[UUID], done: frozenset[UUID]) -> tuple[int, Decimal | None]:
    """How many of the stations did it in time, and their share in percent."""
    in_time = len(units & done)
    return in_time, percent(in_time, len(units))


def disqualified_note(hierarchy: Hierarchy, units: set[UUID], sheets: Sheets) -> tuple[str, ...]:
    """The stations disqualified under a name, by result (一票否决（弄虚作假）：双路村、…)."""
    by_result: dict[str, list[str]] = {}
    for uid in sorted(units & sheets.disqualified.keys(), key=hierarchy.name):
        by_result.setdefault(sheets.disqualified[uid], []).append(hierarchy.name(uid))
    return tuple(f"{result}，不计达标：{'、'.join(names)}" for result, names in by_result.items())


def percent(part: int, whole: int) -> Rate | None:
    if whole == 0:
        return None
    return Rate((Decimal(100) * part / whole).quantize(TENTH, rounding=ROUND_HALF_UP))
