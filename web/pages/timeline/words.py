"""The audit timelines' values as text: entries as the trail keeps them, and statuses."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from projections.event_words import STATE_WORDS
from web.pages.words import entry_words

NONE = "（无）"


def entry_text(data: Mapping[str, Any] | None) -> str:
    """An item's entry in one layer (none yet: （无）; emptied: （清空）)."""
    if data is None:
        return NONE
    return entry_words(data) if data else "（清空）"


def json_entry_text(text: str | None) -> str:
    """An entry as the audit trail keeps it (canonical JSON) as text."""
    return entry_text(None if text is None else json.loads(text))


def state_text(value: str | None) -> str:
    if value is None:
        return NONE
    return STATE_WORDS.get(value, value)
