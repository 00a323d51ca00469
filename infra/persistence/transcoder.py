"""The library's JSON transcoding of stored events, the same bytes made faster with orjson."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

import orjson
from eventsourcing.persistence import JSONTranscoder, Transcoding

_PLAIN = frozenset({str, int, bool, type(None)})
"""Written by orjson as by the json module (ints within 64 bits; orjson refuses larger)."""
_HANDED_BACK = frozenset({datetime, date, time, Decimal})
"""Types orjson passes to `default` (times only with OPT_PASSTHROUGH_DATETIME)."""


class KaoheJSONTranscoder(JSONTranscoder):
    """Encodes exactly as `JSONTranscoder` does (insertion order, no spaces, UTF-8 unescaped,
    registered types as `{"_type_": name, "_data_": encoded}`); decodes as it does.

    orjson writes an object only when it holds nothing but exact str, int, bool and None,
    dicts, lists and tuples, and registered types orjson hands back (times, decimals),
    which the library's own `_encode_obj` encodes. Anything else (ids, which orjson would
    write as text; floats, whose exponents it writes otherwise; enums; subclasses), and
    anything orjson refuses, goes to the library's encoder, which also raises as it would."""

    def __init__(self) -> None:
        super().__init__()
        self._ready = _PLAIN
        self._last: tuple[object, dict[str, Any]] = (None, {})
        """The last value handed back and its encoding: the events a command saves share
        one timestamp object."""

    def register(self, transcoding: Transcoding) -> None:
        super().register(transcoding)
        self._ready = _PLAIN | _HANDED_BACK.intersection(self.types)

    def encode(self, obj: Any) -> bytes:
        if self._only_ready((obj,)):
            try:
                return orjson.dumps(
                    obj, default=self._handed_back, option=orjson.OPT_PASSTHROUGH_DATETIME
                )
            except orjson.JSONEncodeError:
                pass
        return super().encode(obj)

    def _only_ready(self, values: Iterable[Any]) -> bool:
        for value in values:
            kind = type(value)
            if kind in self._ready:
                continue
            if kind is dict:
                if not self._only_ready(value.values()):
                    return False
            elif kind is list or kind is tuple:
                if not self._only_ready(value):
                    return False
            else:
                return False
        return True

    def _handed_back(self, value: Any) -> dict[str, Any]:
        last = self._last
        if last[0] is value:
            return last[1]
        encoded = self._encode_obj(value)
        if type(encoded["_data_"]) not in _PLAIN:
            raise TypeError("left to the library's encoder")
        self._last = (value, encoded)
        return encoded
