"""What the re-scoring page shows: every item of a sampled sheet with its self, review and
verification (复核) scores side by side, and which of them differ; or, while the auditor has
entered nothing yet, the items alone (blind re-scoring: the other layers would anchor the
auditor's own judgement)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal

from domain.assessment import Assessment
from domain.entries import RULE_FIELDS
from domain.entry_data import entry_from_data
from domain.item_scoring import ItemScore
from domain.rubric import Item, Rubric, Section
from domain.rules import Kind
from domain.scoring import Scorecard
from domain.workflow import Layer
from projections.numbers import points_text


@dataclass(frozen=True)
class SectionRow:
    """A section heading with its subtotal in each layer, as the sheet page shows them."""

    number: str
    title: str
    depth: int
    max_points: Decimal | None = None
    self_total: str = ""
    review_total: str = ""
    final_total: str = ""


@dataclass(frozen=True)
class ItemRow:
    """One item: what self-scoring gave, what stood after review, what the county entered."""

    item: Item
    self_score: str
    review_score: str
    verified: Decimal | None
    """The points in the verification layer (None: the county has entered none)."""
    final_score: str
    editable: bool

    @property
    def reviewed_differently(self) -> bool:
        return self.review_score != self.self_score

    @property
    def verified_differently(self) -> bool:
        return self.final_score != self.review_score

    @property
    def differs(self) -> bool:
        return self.reviewed_differently or self.verified_differently


Row = SectionRow | ItemRow


def scorable(item: Item) -> bool:
    """Whether the page takes the item's score as points (other rules keep their entries)."""
    return "points" in RULE_FIELDS[item.rule] and item.max_points is not None


def shown(score: ItemScore) -> str:
    if score.points is not None:
        return points_text(score.points)
    if score.kind is Kind.VETO:
        return "否决" if score.explanation else "无"
    return "未评分"


def subtotal(card: Scorecard, path: tuple[str, ...]) -> str:
    found = next((s for s in card.sections if s.path == path), None)
    return "" if found is None else points_text(found.points)


def rescore_rows(a: Assessment, rubric: Rubric, editable: bool) -> list[Row]:
    cards = {top: a.scorecard(rubric, top) for top in Layer}
    verified = a.layers[Layer.VERIFICATION.value]

    def row(item: Item) -> ItemRow:
        entry = verified.get(item.number)
        points = None if entry is None else entry_from_data(entry).points
        return ItemRow(
            item,
            shown(cards[Layer.SELF].item(item.number)),
            shown(cards[Layer.REVIEW].item(item.number)),
            points,
            shown(cards[Layer.VERIFICATION].item(item.number)),
            editable and scorable(item),
        )

    def section(node: Section, path: tuple[str, ...]) -> SectionRow:
        totals = (subtotal(cards[top], path) for top in Layer)
        return SectionRow(node.number, node.title, len(path) - 1, node.max_points, *totals)

    def walk(nodes: tuple[Item | Section, ...], path: tuple[str, ...]) -> Iterator[Row]:
        for node in nodes:
            if isinstance(node, Item):
                yield row(node)
            else:
                here = (*path, node.number)
                yield section(node, here)
                yield from walk(node.children, here)

    return list(walk(rubric.nodes, ()))


def blind(a: Assessment) -> bool:
    """Whether the sheet is still to be re-scored blind: its verification layer is empty."""
    return not a.layers[Layer.VERIFICATION.value]


def blind_rows(rows: list[Row]) -> list[Row]:
    """The rows without anything of the self and review layers (nor the counting score and
    subtotals, which would show them): what the auditor sees before entering their own."""
    return [
        replace(r, self_total="", review_total="", final_total="")
        if isinstance(r, SectionRow)
        else replace(r, self_score="", review_score="", final_score="")
        for r in rows
    ]
