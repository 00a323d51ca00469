"""Points of one item from its entry, with the rule and cap behind each figure."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from domain.entries import ItemEntry
from domain.rubric import Item
from domain.rules import Kind, RuleName
from domain.tier_words import line_words

ZERO = Decimal(0)
TENTH = Decimal("0.1")


@dataclass(frozen=True)
class ItemScore:
    """An item's points (for a deduction item: the points it takes off); None when unscored."""

    number: str
    kind: Kind
    points: Decimal | None
    explanation: tuple[str, ...]

    @property
    def signed(self) -> Decimal:
        """What the item adds to its section and the total."""
        if self.points is None or self.kind is Kind.VETO:
            return ZERO
        return -self.points if self.kind is Kind.DEDUCTION else self.points


def deducted(item: Item, entry: ItemEntry, whole: Decimal) -> tuple[Decimal, list[str]]:
    """Points the item's deduction lines take off, each line within its own cap."""
    total, lines = ZERO, []
    for line in item.deductions:
        if line.discretionary:
            amount = entry.amounts.get(line.id, ZERO)
            if amount:
                lines.append(f"「{line.id}」视情扣 {amount}（可扣 {line.low}–{line.high}）")
            total += amount
            continue
        count = entry.counts.get(line.id, 0)
        if not count or line.per is None:
            continue
        said = line_words(line.text, line.id)
        if line.all_at is not None and count >= line.all_at:
            amount = line.cap if line.cap is not None else whole
            lines.append(f"「{said}」{count} 次，达到 {line.all_at} 次及以上扣全项 {amount}")
        else:
            raw = line.per * count
            amount = min(raw, line.cap) if line.cap is not None else raw
            capped = f"，超过上限 {line.cap}，扣 {amount}" if amount < raw else ""
            lines.append(f"「{said}」{count} 次 × {line.per} = {raw}{capped}")
        total += amount
    return total, lines


def score_points_item(item: Item, entry: ItemEntry | None) -> ItemScore:
    """A standard, special, progress or judged bonus item."""
    if entry is None:
        return unscored(item)
    if item.rule is RuleName.BANDS:
        return score_bands(item, entry)
    if item.rule is RuleName.DEDUCTIONS:
        start, lines = item.max_points or ZERO, [f"满分 {item.max_points}"]
    elif entry.points is None:
        return unscored(item)
    else:
        start, lines = entry.points, [f"评定 {entry.points}（满分 {item.max_points}）"]
    taken, taken_lines = deducted(item, entry, item.max_points or ZERO)
    if not taken:
        return ItemScore(item.number, item.kind, start, tuple(lines))
    points = max(start - taken, ZERO)
    floor = "，本项最低 0 分" if start - taken < 0 else ""
    lines += taken_lines
    lines.append(f"{start} − 扣分 {taken} = {points}{floor}")
    return ItemScore(item.number, item.kind, points, tuple(lines))


def score_bands(item: Item, entry: ItemEntry) -> ItemScore:
    if entry.rate is None:
        return unscored(item)
    band = next(b for b in item.bands if b.rate.contains(entry.rate))
    line = f"完成率 {percent(entry.rate)} 落在 {band.rate} 档，得 {band.points}"
    return ItemScore(item.number, item.kind, band.points, (line,))


def percent(rate: Decimal) -> str:
    """A rate as every page writes one: to one decimal, half up, with its sign (100.0%)."""
    return f"{rate.quantize(TENTH, rounding=ROUND_HALF_UP)}%"


def score_deduction_item(item: Item, entry: ItemEntry | None) -> ItemScore:
    if entry is None:
        return ItemScore(item.number, item.kind, ZERO, ("未发生扣分事项",))
    taken, lines = deducted(item, entry, item.max_points or ZERO)
    if item.max_points is not None and taken > item.max_points:
        lines.append(f"本项扣分 {taken} 超过上限 {item.max_points}，扣 {item.max_points}")
        taken = item.max_points
    return ItemScore(item.number, item.kind, taken, tuple(lines) or ("未发生扣分事项",))


def score_veto_item(item: Item, entry: ItemEntry | None) -> ItemScore:
    raised = entry.raised if entry else frozenset()
    named = entry.named if entry else {}
    lines = tuple(
        f"一票否决：{named[c.id]}（{c.id}. {c.text}）"
        if c.id in named
        else f"一票否决：{c.id}. {c.text}"
        for c in item.conditions
        if c.id in raised
    )
    return ItemScore(item.number, item.kind, None, lines)


def unscored(item: Item) -> ItemScore:
    return ItemScore(item.number, item.kind, None, ("未评分",))
