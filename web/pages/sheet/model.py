"""What the sheet page shows: the rubric's rows with each layer's entry, which layer the
signed-in account writes, what else it may do here, and the score of the layers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any
from uuid import UUID

from application.authorization import LAYER_OF, Action
from application.read_ports import UnitRecord
from domain.account import Role
from domain.assessment import Assessment
from domain.entries import ItemEntry
from domain.entry_data import entry_from_data
from domain.layers import counting_entry
from domain.rubric import Item, Rubric, Section
from domain.rules import RuleName
from domain.scoring import Scorecard
from domain.workflow import LAYER_OPEN_IN, Layer, step_open
from projections.scores import Summary, summarize
from projections.tables.wording import LAYER_WORDS, STATUS_WORDS, result_words
from web.context import queries
from web.pages.base import me, page_caller
from web.pages.sheet.deadlines import DeadlineLine, deadline_lines
from web.pages.sheet.entries import field_id, main_field
from web.pages.words import entry_words, plain


@dataclass(frozen=True)
class Row:
    """One line of the table: a section heading (with its subtotal) or an item."""

    depth: int
    path: str
    section: Section | None = None
    item: Item | None = None


def rows_of(rubric: Rubric) -> list[Row]:
    rows: list[Row] = []

    def walk(node: Section | Item, path: tuple[str, ...]) -> None:
        if isinstance(node, Item):
            rows.append(Row(len(path), path_key(path), item=node))
            return
        here = (*path, node.number)
        rows.append(Row(len(path), path_key(here), section=node))
        for child in node.children:
            walk(child, here)

    for node in rubric.nodes:
        walk(node, ())
    return rows


def path_key(path: tuple[str, ...]) -> str:
    """How a section's path names its subtotal cell (and the preview's answer)."""
    return "/".join(path)


def acting_role(action: Action, a: Assessment) -> Role | None:
    """The role the signed-in account would act as for an action on a sheet (None: none),
    under the hierarchy of the sheet's period."""
    grant = queries().access.acting_grant(me().account, action, a.unit_id, a.period)
    return None if grant is None else grant.role


def may_act(action: Action, a: Assessment) -> bool:
    """Whether the signed-in account may take a workflow step on a sheet in its status."""
    return acting_role(action, a) is not None and step_open(a.status, action)


@dataclass
class SheetPage:
    """An assessment as its sheet page shows it to the signed-in account."""

    a: Assessment
    rubric: Rubric
    unit: UnitRecord | None
    layer: Layer | None
    """The layer the account writes here, when that layer is open (None: read-only)."""
    can_submit: bool
    can_attach: bool

    @cached_property
    def rows(self) -> list[Row]:
        return rows_of(self.rubric)

    @cached_property
    def card(self) -> Scorecard:
        return self.a.scorecard(self.rubric)

    @cached_property
    def summary(self) -> Summary:
        return summarize(self.rubric, self.a.layers)

    @property
    def columns(self) -> list[Layer]:
        """The layers side by side: those holding entries, and the one being written."""
        found = [la for la in Layer if self.a.layers[la.value] or la is self.layer]
        return found or [Layer.SELF]

    @property
    def subtotals(self) -> dict[str, Any]:
        return {path_key(p): v for p, v in self.summary.sections.items()}

    def entry_data(self, layer: Layer, number: str) -> Mapping[str, Any] | None:
        found: Mapping[str, Any] | None = self.a.layers[layer.value].get(number)
        return found

    def starting(self, number: str) -> ItemEntry:
        """What the account's layer holds for an item, else what counts below it."""
        assert self.layer is not None
        return entry_from_data(counting_entry(self.a.layers, number, self.layer) or {})

    def field_value(self, item: Item) -> str:
        """The editable field's value as stored in the account's layer (empty: none)."""
        kind = main_field(item)
        data = self.entry_data(self.layer, item.number) if self.layer else None
        return plain(data.get(kind) if data and kind else None)

    def below(self, item: Item) -> str:
        """The value that counts below the account's layer (a hint in an empty field)."""
        if self.layer is None or self.layer is Layer.SELF:
            return ""
        lower = PRECEDING[self.layer]
        data = counting_entry(self.a.layers, item.number, lower)
        kind = main_field(item)
        return plain(data.get(kind) if data and kind else None)

    def field_id(self, item: Item) -> str:
        return field_id(item)

    def cell(self, layer: Layer, number: str) -> str:
        """An item's entry in one layer, in a table cell (a bare score is just the number)."""
        data = self.entry_data(layer, number)
        if not data:
            return ""
        if set(data) == {"points"}:
            return plain(data["points"])
        return entry_words(data)

    def explains(self, item: Item) -> bool:
        """Whether the row shows how its points came about (not for a plain judged score)."""
        return item.rule is not RuleName.JUDGED or bool(item.deductions)

    def editable(self, item: Item) -> bool:
        return self.layer is not None and main_field(item) is not None

    @cached_property
    def deadlines(self) -> list[DeadlineLine]:
        return deadline_lines(self.a, self.rubric, queries().log.now())

    @property
    def status_words(self) -> str:
        return STATUS_WORDS.get(self.a.status.value, self.a.status.value)

    @property
    def result_words(self) -> str:
        return result_words(self.summary.result, self.summary.vetoed_for)

    @property
    def layer_words(self) -> dict[str, str]:
        return LAYER_WORDS


PRECEDING = {Layer.REVIEW: Layer.SELF, Layer.VERIFICATION: Layer.REVIEW}


def load_page(aid: UUID) -> SheetPage:
    """The sheet as the signed-in account may read it (a refused read is recorded)."""
    a = queries().assessments.sheet(page_caller(), aid)
    rubric = queries().assessments.rubric_of(a)
    role = acting_role(Action.SCORE, a)
    layer = LAYER_OF.get(role) if role else None
    if layer is not None and a.status not in LAYER_OPEN_IN[layer]:
        layer = None
    return SheetPage(
        a,
        rubric,
        queries().units.row(a.unit_id),
        layer,
        may_act(Action.SUBMIT, a),
        may_act(Action.ATTACH_EVIDENCE, a),
    )
