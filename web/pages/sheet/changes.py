"""What changed on a sheet since the version someone read it at: who, when, which item and
layer, and the entry before → after (from the scores read model's history)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from domain.assessment import Assessment
from projections.event_words import event_words
from projections.tables.wording import LAYER_WORDS, ROLE_WORDS, STATUS_WORDS
from web.context import queries
from web.pages.words import entry_words, plain


@dataclass(frozen=True)
class ChangeLine:
    version: int
    at: datetime
    who: str
    what: str
    before: str
    after: str


def changes_since(a: Assessment, version: int) -> list[ChangeLine]:
    """The changes of a sheet the caller read after `version`, oldest first."""
    history = queries().sheets.changes(a)
    held: dict[tuple[str, str], Mapping[str, Any]] = {}
    lines = []
    for change in history:
        key = (change.layer or "", change.item or "")
        before = held.get(key)
        if change.entry is not None:
            held[key] = change.entry
        if change.version <= version:
            continue
        who = f"{display_name(change.actor_id)}（{ROLE_WORDS.get(change.actor_role, '')}）"
        if change.item is not None:
            layer = LAYER_WORDS.get(change.layer or "", change.layer or "")
            what = f"第 {change.item} 项 · {layer}"
            lines.append(
                ChangeLine(
                    change.version,
                    change.at,
                    who,
                    what,
                    entry_words(before),
                    entry_words(change.entry),
                )
            )
        elif change.status is not None:
            status = STATUS_WORDS.get(change.status, change.status)
            lines.append(ChangeLine(change.version, change.at, who, "状态", "", status))
        else:
            what = event_words(f"Assessment.{change.event}")
            lines.append(ChangeLine(change.version, change.at, who, what, "", ""))
    return lines


def typed_since(
    a: Assessment, version: int, layer: str, values: Mapping[str, str]
) -> dict[str, str]:
    """Of a sheet form's values, those the user changed from what the layer held at the
    version they read (the rest are shown as they are now, others' changes included)."""
    history = queries().sheets.changes(a)
    held = {
        c.item: c.entry
        for c in history
        if c.version <= version and c.layer == layer and c.item is not None and c.entry
    }
    kept = {}
    for fid, typed in values.items():
        kind, _, number = fid.partition("-")
        if kind in ("points", "rate") and typed == plain((held.get(number) or {}).get(kind)):
            continue
        kept[fid] = typed
    return kept


def display_name(actor_id: str) -> str:
    return queries().accounts.display_name(actor_id, unknown=actor_id)
