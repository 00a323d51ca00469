"""A rubric as its preview shows it: the tree flattened into rows (sections, then their
items with number, standard, maximum and rule), with the rules said in Chinese."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from domain.rubric import Item, Node, Rubric, Section
from domain.rules import Kind, RuleName

KIND_WORDS: dict[Kind, str] = {
    Kind.STANDARD: "基本项",
    Kind.SPECIAL: "特别考核项",
    Kind.BONUS: "加分项",
    Kind.DEDUCTION: "减分项",
    Kind.VETO: "一票否决",
    Kind.PROGRESS: "任务要点",
}

RULE_WORDS: dict[RuleName, str] = {
    RuleName.JUDGED: "按标准评分",
    RuleName.BANDS: "按完成率分档计分",
    RuleName.DEDUCTIONS: "按次扣分",
    RuleName.TIERS: "按级别加分（取最高一档）",
    RuleName.VETO: "一票否决",
    RuleName.PROGRESS: "填报完成进度",
}

PERIOD_WORDS = {"quarter": "按季度", "year": "按年度"}


@dataclass(frozen=True)
class PreviewRow:
    """A section or an item at its depth in the tree."""

    depth: int
    section: Section | None = None
    item: Item | None = None

    @property
    def kind_words(self) -> str:
        return KIND_WORDS[self.item.kind] if self.item else ""

    @property
    def rule_words(self) -> str:
        return RULE_WORDS[self.item.rule] if self.item else ""

    @property
    def rule_details(self) -> list[str]:
        """The lines of the item's rule: bands, deductions, tiers or veto conditions."""
        if self.item is None:
            return []
        item = self.item
        return [
            *(f"完成率 {b.rate}：{b.points} 分" for b in item.bands),
            *(deduction_words(d.text, d.per, d.cap, d.low, d.high) for d in item.deductions),
            *(f"{t.id}：{t.points} 分" for t in item.tiers),
            *(f"{c.id}. {c.text}" for c in item.conditions),
        ]


def deduction_words(
    text: str, per: Decimal | None, cap: Decimal | None, low: Decimal | None, high: Decimal | None
) -> str:
    if per is None:
        return f"{text}（酌情扣 {low}–{high} 分）"
    return f"{text}（每次扣 {per} 分" + (f"，最多扣 {cap} 分）" if cap is not None else "）")


def preview_rows(rubric: Rubric) -> list[PreviewRow]:
    rows: list[PreviewRow] = []

    def visit(node: Node, depth: int) -> None:
        if isinstance(node, Section):
            rows.append(PreviewRow(depth, section=node))
            for child in node.children:
                visit(child, depth + 1)
        else:
            rows.append(PreviewRow(depth, item=node))

    for node in rubric.nodes:
        visit(node, 0)
    return rows
