"""One sheet as its reviewer reads it: each item's self and review scores side by side with
the one that counts, section subtotals, reasons, its returns and what changed since the
last one."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any, Literal
from uuid import UUID

from application.authorization import Action
from application.read_ports import UnitRecord
from domain.assessment import Assessment
from domain.evidence import Evidence
from domain.rubric import Item, Node, Rubric, Section
from domain.workflow import Layer, Status, step_open
from projections.scores import ScoreRow, Summary, summarize
from projections.tables.wording import LAYER_WORDS
from web.context import account_id, queries
from web.pages.base import Me, page_caller
from web.pages.review.changes import (
    ChangeLine,
    ReturnNote,
    change_lines,
    details_of,
    returns_of,
    since_last_return,
)
from web.pages.review.since_approval import SinceApproval, since_approval
from web.pages.sheet.deadlines import DeadlineLine, deadline_lines
from web.pages.workflow_offers import reach_of, takes_step


@dataclass(frozen=True)
class SectionRow:
    section: Section
    depth: int
    subtotal: Decimal | None
    self_subtotal: Decimal | None
    kind: Literal["section"] = "section"


@dataclass(frozen=True)
class ItemRow:
    """An item's scores by layer (None: the layer has no entry), the layer that counts,
    the reasons given, and how it stands towards the last return."""

    item: Item
    depth: int
    self_points: Decimal | None
    review_points: Decimal | None
    verification_points: Decimal | None
    counting_layer: str | None
    points: Decimal | None
    reasons: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    changed: bool
    returned: str | None
    """The reason it was returned for at the last return ("": named without one)."""
    kind: Literal["item"] = "item"


@dataclass
class ReviewSheet:
    row: ScoreRow
    assessment: Assessment
    rubric: Rubric
    unit: UnitRecord | None
    self_summary: Summary
    lines: list[ChangeLine]
    returns: list[ReturnNote]
    since: list[ChangeLine] | None
    reviewer: bool
    """The account reviews this unit (a town above it)."""
    own_submission: bool
    approval: SinceApproval | None = None
    """What differs from the sheet's first approval (None: never approved)."""
    rows: list[SectionRow | ItemRow] = field(default_factory=list)

    @property
    def reviewable(self) -> bool:
        """Approve and return are open to this account now."""
        waiting = step_open(Status(self.row.status), Action.APPROVE)
        return waiting and self.reviewer and not self.own_submission

    @property
    def last_return(self) -> ReturnNote | None:
        return self.returns[-1] if self.returns else None

    @property
    def has_verification(self) -> bool:
        return bool(self.row.layers.get(Layer.VERIFICATION.value))

    @cached_property
    def deadlines(self) -> list[DeadlineLine]:
        return deadline_lines(self.assessment, self.rubric, queries().log.now())

    @cached_property
    def changed_items(self) -> set[str]:
        return {c.item for c in self.since or [] if c.is_entry and c.item}


def rubric_of(aid: UUID) -> Rubric:
    """The rubric version a sheet is scored against."""
    return queries().sheets.rubric_of_sheet(aid)


def read_review(who: Me, aid: UUID) -> ReviewSheet:
    caller = page_caller()
    current = queries().assessments.sheet(caller, aid)
    row = queries().sheets.row_of(current)
    rubric = queries().sheets.rubric(row.head.rubric_id)
    stored = queries().assessments.history(caller, aid)
    lines = change_lines(queries().sheets.changes(current), details_of(stored))
    found = ReviewSheet(
        row=row,
        assessment=current,
        rubric=rubric,
        unit=queries().units.row(row.head.unit_id),
        self_summary=summarize(rubric, _up_to(row, Layer.SELF)),
        lines=lines,
        returns=returns_of(lines),
        since=since_last_return(lines),
        reviewer=takes_step(reach_of(who), rubric, Action.APPROVE, row.head.unit_id),
        own_submission=current.submitted_by == str(account_id()),
        approval=since_approval(lines),
    )
    found.rows = list(_rows(found, rubric.nodes, 0, ()))
    return found


def _up_to(row: ScoreRow, top: Layer) -> dict[str, Mapping[str, Mapping[str, Any]]]:
    order = [Layer.SELF, Layer.REVIEW, Layer.VERIFICATION]
    return {la.value: row.layers.get(la.value, {}) for la in order[: order.index(top) + 1]}


def _rows(
    sheet: ReviewSheet, nodes: Sequence[Node], depth: int, path: tuple[str, ...]
) -> Iterator[SectionRow | ItemRow]:
    review = summarize(sheet.rubric, _up_to(sheet.row, Layer.REVIEW))
    yield from _walk(sheet, review, _reasons(sheet.lines), nodes, depth, path)


def _walk(
    sheet: ReviewSheet,
    review: Summary,
    reasons: Mapping[str, tuple[str, ...]],
    nodes: Sequence[Node],
    depth: int,
    path: tuple[str, ...],
) -> Iterator[SectionRow | ItemRow]:
    row, own = sheet.row, sheet.self_summary
    last = sheet.last_return if sheet.since is not None else None
    for node in nodes:
        if isinstance(node, Section):
            here = (*path, node.number)
            yield SectionRow(node, depth, row.summary.sections.get(here), own.sections.get(here))
            yield from _walk(sheet, review, reasons, node.children, depth + 1, here)
            continue
        n = node.number
        has = {la: n in row.layers.get(la.value, {}) for la in Layer}
        yield ItemRow(
            item=node,
            depth=depth,
            self_points=own.points.get(n) if has[Layer.SELF] else None,
            review_points=review.points.get(n) if has[Layer.REVIEW] else None,
            verification_points=row.summary.points.get(n) if has[Layer.VERIFICATION] else None,
            counting_layer=row.counting_layer(n),
            points=row.summary.points.get(n),
            reasons=reasons.get(n, ()),
            evidence=tuple(e for e in sheet.assessment.evidence if e.item == n),
            changed=n in sheet.changed_items,
            returned=last.per_item.get(n, "") if last and n in last.items else None,
        )


def _reasons(lines: Sequence[ChangeLine]) -> dict[str, tuple[str, ...]]:
    """Per item, the latest reason given in each layer, e.g. 初审：台账资料不全，核减."""
    latest: dict[tuple[str, str], str] = {}
    for c in lines:
        if c.is_entry and c.item and c.layer and c.detail.reason:
            latest[c.item, c.layer] = c.detail.reason
    found: dict[str, list[str]] = {}
    for layer in Layer:
        for (item, la), reason in latest.items():
            if la == layer.value:
                found.setdefault(item, []).append(f"{LAYER_WORDS[la]}：{reason}")
    return {item: tuple(texts) for item, texts in found.items()}
