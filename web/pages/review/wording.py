"""An item's entry in words, as a reviewer reads it in a list of changes (9.5分, 扣2次 …)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from domain.rubric import Item

NOTHING = "（无）"


def entry_words(item: Item | None, data: Mapping[str, Any] | None) -> str:
    """What an entry holds, each part in the rubric's own words where it has them."""
    if not data:
        return NOTHING
    parts: list[str] = []
    if data.get("points") is not None:
        parts.append(f"{_number(data['points'])}分")
    if data.get("rate") is not None:
        parts.append(f"完成率 {_number(data['rate'])}%")
    for line, count in data.get("counts", {}).items():
        parts.append(f"{_deduction(item, line)} {count} 次")
    for line, amount in data.get("amounts", {}).items():
        parts.append(f"{_deduction(item, line)} 扣 {_number(amount)} 分")
    for matter, tier in data.get("claims", []):
        parts.append(f"加分事项「{matter}」（{_tier(item, tier)}）")
    for condition in data.get("raised", []):
        parts.append(f"一票否决：{_condition(item, condition)}")
    if data.get("progress") is not None:
        parts.append(f"进度：{data['progress']}")
    if data.get("value") is not None:
        parts.append(f"实际值 {_number(data['value'])}")
    return "；".join(parts) or NOTHING


def _number(value: str | Decimal) -> str:
    text = format(Decimal(value).normalize(), "f")
    return "0" if text in ("-0", "0") else text


def _deduction(item: Item | None, line: str) -> str:
    found = item.deduction(line) if item else None
    return _short(found.text) if found else line


def _tier(item: Item | None, tier: str) -> str:
    found = item.tier(tier) if item else None
    return f"{tier}级，{_number(found.points)}分" if found else tier


def _condition(item: Item | None, condition: str) -> str:
    found = next((c for c in item.conditions if c.id == condition), None) if item else None
    return _short(found.text) if found else condition


def _short(text: str, limit: int = 24) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
