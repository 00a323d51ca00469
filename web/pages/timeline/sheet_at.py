"""The sheet as it stood after one of its events: every item with each layer's entry and the
score that counts, section subtotals, total, result and status (from the scores read model
read as of that event's log position)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from domain.assessment import Assessment
from domain.rubric import Item, Node, Rubric, Section
from domain.workflow import Layer
from projections.scores import ScoreRow
from projections.tables.wording import LAYER_WORDS, STATUS_WORDS, result_words
from web.context import queries
from web.pages.timeline.lines import Line
from web.pages.timeline.words import entry_text

LAYERS = tuple(Layer)


@dataclass(frozen=True)
class SheetLine:
    """A section heading with its subtotal, or an item with its entries by layer."""

    depth: int
    number: str
    title: str
    max_points: Decimal | None
    is_section: bool
    entries: tuple[str, ...] = ()
    counts: Decimal | None = None
    counting_layer: str = ""
    changed: bool = False


@dataclass(frozen=True)
class SheetAt:
    """The sheet after event `line` (第 N 个事件 of `total`)."""

    line: Line
    total: int
    row: ScoreRow
    rubric: Rubric
    lines: list[SheetLine]

    @property
    def status_words(self) -> str:
        return STATUS_WORDS.get(self.row.status, self.row.status)

    @property
    def result_words(self) -> str:
        return result_words(self.row.summary.result, self.row.summary.vetoed_for)

    @property
    def layer_words(self) -> list[str]:
        return [LAYER_WORDS[layer.value] for layer in LAYERS]


def sheet_at(a: Assessment, line: Line, total: int) -> SheetAt:
    """The sheet the caller read, as of the event's log position."""
    row = queries().sheets.row_of(a, as_of=line.position)
    rubric = queries().sheets.rubric(row.head.rubric_id)
    changed = line.item if line.layer else None
    return SheetAt(line, total, row, rubric, list(_walk(rubric.nodes, (), row, changed)))


def _walk(
    nodes: tuple[Node, ...], path: tuple[str, ...], row: ScoreRow, changed: str | None
) -> list[SheetLine]:
    found: list[SheetLine] = []
    for node in nodes:
        if isinstance(node, Section):
            here = (*path, node.number)
            subtotal = row.summary.sections.get(here)
            found.append(
                SheetLine(
                    len(path), node.number, node.title, node.max_points, True, counts=subtotal
                )
            )
            found += _walk(node.children, here, row, changed)
        else:
            found.append(_item_line(node, len(path), row, changed))
    return found


def _item_line(item: Item, depth: int, row: ScoreRow, changed: str | None) -> SheetLine:
    entries = tuple(
        entry_text(row.layers[la.value][item.number])
        if item.number in row.layers.get(la.value, {})
        else ""
        for la in LAYERS
    )
    layer = row.counting_layer(item.number)
    return SheetLine(
        depth,
        item.number,
        item.standard,
        item.max_points,
        False,
        entries,
        row.summary.points.get(item.number),
        LAYER_WORDS.get(layer, "") if layer else "",
        item.number == changed,
    )
