"""Where each column of a rubric's summary table takes its figure from (`source`).

- row: the running number (序号); unit: the unit's name; contact, phone: the unit's.
- parent: the county (县/区/旗) the unit is or lies in on the period's last day. Seed 001
  scores a county's centre as the county unit itself, so its 县(市、区) is its own name.
- section:<number>: the subtotal of that top-level section.
- bonus, deductions, special, total: the sheet's figures; result: 考核结果, remarks: 备注
  (see `wording`). A draft nobody has submitted shows no figures: its 总分 says 未提交.
- bonus_minus_deductions (加分减分): bonus − deductions, as seed 001's annex 2 names it. Special
  points count in 总分 but never here; a rubric whose row should add up to 总分 gives them a
  `special` column of their own.
- timeliness (报送): whether the sheet was submitted by its window's submission deadline
  (按时 / 逾期), or 未提交; blank where the rubric declares no deadlines."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from uuid import UUID

from domain.rubric import Rubric
from domain.workflow import Status
from projections.errors import UnknownSourceError
from projections.scores import ScoreRow
from projections.tables.hierarchy import Hierarchy
from projections.tables.table import Cell
from projections.tables.timeliness import SUBMISSION, step_word
from projections.tables.wording import STATUS_WORDS, remarks, verdict

SECTION = "section:"


@dataclass(frozen=True)
class SummaryLine:
    """What a column reads for one row of a summary table."""

    number: int
    row: ScoreRow
    hierarchy: Hierarchy

    @property
    def unit_id(self) -> UUID:
        return self.row.head.unit_id


Source = Callable[[SummaryLine], Cell]


def _county(line: SummaryLine) -> Cell:
    county = line.hierarchy.county_of(line.unit_id)
    return county.name if county else ""


def _contact(line: SummaryLine) -> Cell:
    unit = line.hierarchy.unit(line.unit_id)
    return unit.contact if unit else ""


def _phone(line: SummaryLine) -> Cell:
    unit = line.hierarchy.unit(line.unit_id)
    return unit.phone if unit else ""


FIGURES: dict[str, Source] = {
    "row": lambda line: line.number,
    "parent": _county,
    "unit": lambda line: line.hierarchy.name(line.unit_id),
    "contact": _contact,
    "phone": _phone,
    "remarks": lambda line: remarks(line.row),
    "bonus": lambda line: line.row.summary.bonus,
    "deductions": lambda line: line.row.summary.deductions,
    "special": lambda line: line.row.summary.special,
    "bonus_minus_deductions": lambda line: line.row.summary.bonus - line.row.summary.deductions,
    "total": lambda line: line.row.summary.total,
    "result": lambda line: verdict(line.row),
}
ALLOWED = (*FIGURES, "timeliness", f"{SECTION}<number>")


WORDS = frozenset({"row", "parent", "unit", "contact", "phone", "remarks", "result", "timeliness"})
"""The sources that are not figures of the sheet."""


def column_sources(rubric: Rubric) -> tuple[Source, ...]:
    """One source per column of the rubric's summary, or UnknownSourceError naming the
    column, its source and the allowed ones."""
    if rubric.summary is None:
        raise UnknownSourceError(f"rubric {rubric.code} v{rubric.version} has no summary table")
    return tuple(
        unless_draft(source_for(rubric, column.label, column.source), column.source)
        for column in rubric.summary.columns
    )


def unless_draft(source: Source, name: str) -> Source:
    """A figure of a draft is not a score yet: 总分 says 未提交, the other figures are blank."""
    if name in WORDS:
        return source

    def figure(line: SummaryLine) -> Cell:
        if line.row.status == Status.DRAFT.value:
            return STATUS_WORDS[Status.DRAFT.value] if name == "total" else None
        return source(line)

    return figure


def source_for(rubric: Rubric, label: str, name: str) -> Source:
    if name in FIGURES:
        return FIGURES[name]
    if name == "timeliness":
        return lambda line: step_word(SUBMISSION, rubric, line.row)
    number = name.removeprefix(SECTION)
    if name.startswith(SECTION) and rubric.top_section(number) is not None:
        return lambda line: line.row.summary.sections.get((number,))
    where = f"rubric {rubric.code} v{rubric.version}, summary column {label!r}"
    if name.startswith(SECTION):
        raise UnknownSourceError(f"{where}: no top-level section numbered {number!r}")
    raise UnknownSourceError(f"{where}: unknown source {name!r}; allowed: {', '.join(ALLOWED)}")
