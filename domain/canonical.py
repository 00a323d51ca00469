"""One byte encoding for equal data, used for content hashes and the event hash chain."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from uuid import UUID


def _plain(value: object) -> object:
    if isinstance(value, Decimal | UUID):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    msg = f"no canonical encoding for {type(value).__name__}"
    raise TypeError(msg)


_ENCODER = json.JSONEncoder(
    sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_plain
)


def canonical_json(data: object) -> bytes:
    """Sorted keys, no spaces, UTF-8; decimals, ids and times as their text."""
    return _ENCODER.encode(data).encode()
