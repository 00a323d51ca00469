"""Item entries as plain data for events: decimals as text, only the fields that are set."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from domain.entries import Claim, ItemEntry


def entry_to_data(entry: ItemEntry) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if entry.points is not None:
        data["points"] = str(entry.points)
    if entry.rate is not None:
        data["rate"] = str(entry.rate)
    if entry.counts:
        data["counts"] = {k: entry.counts[k] for k in sorted(entry.counts)}
    if entry.amounts:
        data["amounts"] = {k: str(entry.amounts[k]) for k in sorted(entry.amounts)}
    if entry.claims:
        data["claims"] = [[c.matter, c.tier] for c in entry.claims]
    if entry.raised:
        data["raised"] = sorted(entry.raised)
    if entry.named:
        data["named"] = {k: entry.named[k] for k in sorted(entry.named)}
    if entry.progress is not None:
        data["progress"] = entry.progress
    if entry.value is not None:
        data["value"] = str(entry.value)
    return data


def entry_from_data(data: Mapping[str, Any]) -> ItemEntry:
    def number(key: str) -> Decimal | None:
        return Decimal(data[key]) if data.get(key) is not None else None

    return ItemEntry(
        points=number("points"),
        rate=number("rate"),
        counts={k: int(v) for k, v in data.get("counts", {}).items()},
        amounts={k: Decimal(v) for k, v in data.get("amounts", {}).items()},
        claims=tuple(Claim(m, t) for m, t in data.get("claims", [])),
        raised=frozenset(data.get("raised", [])),
        named=dict(data.get("named", {})),
        progress=data.get("progress"),
        value=number("value"),
    )
