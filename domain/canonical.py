"""One byte encoding for equal data, used for content hashes and the event hash chain."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

import orjson


def _plain(value: object) -> object:
    if isinstance(value, Decimal | UUID):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    msg = f"no canonical encoding for {type(value).__name__}"
    raise TypeError(msg)


_REFERENCE = json.JSONEncoder(
    sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_plain
)

# Times and dataclasses go through `_plain`, as in the reference: orjson's own time format
# rounds offsets to the minute, and the reference refuses dataclasses.
_FAST = orjson.OPT_SORT_KEYS | orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS


def reference_json(data: object) -> bytes:
    """The definition of the encoding: the json module, sorted keys, no spaces, UTF-8."""
    return _REFERENCE.encode(data).encode()


def canonical_json(data: object) -> bytes:
    """Sorted keys, no spaces, UTF-8; decimals, ids and times as their text.

    The bytes are `reference_json`'s, made by orjson. What orjson refuses (a dict key that
    is not a plain str, an int beyond 64 bits, a type `_plain` refuses) goes to the
    reference, which encodes it or raises. Two kinds of value would differ, and the domain
    holds neither (tests/unit/domain/test_canonical.py): floats, whose exponents orjson
    writes otherwise, and plain (not str or int) enum members, which the reference refuses
    and orjson writes as their value."""
    try:
        return orjson.dumps(data, default=_plain, option=_FAST)
    except orjson.JSONEncodeError:
        return reference_json(data)
