"""Numbers and entries in words, as people read them on pages and in files (9.5 分, 扣 2 次)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from domain.rubric import Item
from domain.tier_words import LINE_WORDS, tier_words
from projections.numbers import points_text, rate_text

NOTHING = "（空）"


def entry_words(data: Mapping[str, Any] | None, item: Item | None = None) -> str:
    """What an entry holds, each part in the rubric's own words when the item is given."""
    if not data:
        return NOTHING
    parts: list[str] = []
    if data.get("points") is not None:
        parts.append(f"{plain(data['points'])} 分")
    if data.get("rate") is not None:
        parts.append(f"完成率 {rate_text(data['rate'])}")
    for line, count in data.get("counts", {}).items():
        parts.append(f"{_deduction(item, line)} {count} 次")
    for line, amount in data.get("amounts", {}).items():
        parts.append(f"{_deduction(item, line)} 扣 {plain(amount)} 分")
    for matter, tier in data.get("claims", []):
        parts.append(f"加分事项「{matter}」（{_tier(item, tier)}）")
    named = data.get("named", {})
    for condition in data.get("raised", []):
        words = _condition(item, condition)
        parts.append(
            f"一票否决：{named[condition]}（{words}）"
            if condition in named
            else f"一票否决：{words}"
        )
    if data.get("progress") is not None:
        parts.append(f"进度：{data['progress']}")
    if data.get("value") is not None:
        parts.append(f"实际值 {plain(data['value'])}")
    return "；".join(parts) or NOTHING


plain = points_text
"""A number as people write it (2.0 → 2, 1.50 → 1.5, -0 → 0); empty when none."""


def _deduction(item: Item | None, line: str) -> str:
    found = item.deduction(line) if item else None
    return _short(found.text) if found else LINE_WORDS.get(line, line)


def _tier(item: Item | None, tier: str) -> str:
    found = item.tier(tier) if item else None
    return f"{tier_words(tier)}，{plain(found.points)} 分" if found else tier_words(tier)


def _condition(item: Item | None, condition: str) -> str:
    found = next((c for c in item.conditions if c.id == condition), None) if item else None
    return _short(found.text) if found else condition


def _short(text: str, limit: int = 24) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
