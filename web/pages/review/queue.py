"""The review queue: sheets submitted by the units the reviewer reviews under each sheet's
rubric (待验收), and the ones returned to them and not yet submitted again."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from uuid import UUID

from application.authorization import Action
from application.read_ports import UnitRecord
from domain.rubric import Rubric
from domain.workflow import Layer, Status
from projections.scores import ScoreRow, summarize
from projections.tables.timeliness import SUBMISSION, step_word
from web.context import queries
from web.pages.base import Me, page_caller
from web.pages.review.changes import (
    ChangeLine,
    Detail,
    ReturnNote,
    change_lines,
    details_of,
    returns_of,
)
from web.pages.workflow_offers import reach_of, takes_step

EARLIEST = datetime.min.replace(tzinfo=UTC)
WAITING = frozenset({Status.SUBMITTED.value, Status.RETURNED.value})


@dataclass(frozen=True)
class QueueLine:
    """A sheet in the queue: whose, which table and period, its self-score, when it was
    submitted, whether it came back after a return, and the last return."""

    row: ScoreRow
    unit: UnitRecord | None
    rubric: Rubric
    self_total: Decimal
    submitted_at: datetime | None
    last_return: ReturnNote | None
    reviewable: bool
    """Whether the account may approve or return it (its rubric's reviewers; those who verify
    after review only read)."""
    timeliness: str | None = None
    """按时 / 逾期 by the first submission, where the rubric declares deadlines."""

    @property
    def resubmitted(self) -> bool:
        return self.last_return is not None

    @property
    def returned_at(self) -> datetime | None:
        return self.last_return.at if self.last_return else None

    @property
    def unit_name(self) -> str:
        return self.unit.name if self.unit else "（未知单位）"


@dataclass(frozen=True)
class Queue:
    waiting: list[QueueLine]
    returned: list[QueueLine]
    periods: list[str]
    period: str | None


def read_queue(who: Me, period: str | None) -> Queue:
    caller = page_caller()
    roots = queries().access.reach(caller, Action.READ_ASSESSMENTS, "review queue")
    sheets = queries().sheets
    reach = reach_of(who)
    rubrics: dict[UUID, Rubric] = {}

    def rubric_of(row: ScoreRow) -> Rubric:
        rubric = rubrics.get(row.head.rubric_id) or sheets.rubric(row.head.rubric_id)
        rubrics[row.head.rubric_id] = rubric
        return rubric

    def queued(row: ScoreRow) -> bool:
        """A sheet the account reviews, or verifies after review, as its rubric says."""
        later = (Action.APPROVE, Action.FINALIZE)
        return any(takes_step(reach, rubric_of(row), s, row.head.unit_id) for s in later)

    rows = [r for r in sheets.under(roots) if r.status in WAITING and queued(r)]
    periods = sorted({r.head.period for r in rows}, reverse=True)
    rows = [r for r in rows if period is None or r.head.period == period]
    histories = sheets.changes_of(rows)
    units = queries().units.rows(r.head.unit_id for r in rows)
    lines = []
    for row in rows:
        rubric = rubric_of(row)
        reviewable = takes_step(reach, rubric, Action.APPROVE, row.head.unit_id)
        details: dict[int, Detail] = {}
        if row.status == Status.RETURNED.value:  # the reasons of its return are shown
            details = details_of(queries().assessments.history(caller, row.assessment_id))
        changes = change_lines(histories.get(row.assessment_id, []), details)
        lines.append(_line(row, units.get(row.head.unit_id), rubric, changes, reviewable))
    waiting = [li for li in lines if li.row.status == Status.SUBMITTED.value]
    returned = [li for li in lines if li.row.status == Status.RETURNED.value]
    return Queue(
        sorted(waiting, key=lambda li: (li.submitted_at or EARLIEST, li.unit_name)),
        sorted(
            returned,
            key=lambda li: (li.last_return.at if li.last_return else EARLIEST, li.unit_name),
        ),
        periods,
        period,
    )


def _line(
    row: ScoreRow,
    unit: UnitRecord | None,
    rubric: Rubric,
    changes: list[ChangeLine],
    reviewable: bool,
) -> QueueLine:
    own = {Layer.SELF.value: row.layers.get(Layer.SELF.value, {})}
    submitted = [c.at for c in changes if c.event in ("Submitted", "Reopened")]
    returns = returns_of(changes)
    return QueueLine(
        row=row,
        unit=unit,
        rubric=rubric,
        self_total=summarize(rubric, own).total,
        submitted_at=submitted[-1] if submitted else None,
        last_return=returns[-1] if returns else None,
        reviewable=reviewable,
        timeliness=step_word(SUBMISSION, rubric, row),
    )
