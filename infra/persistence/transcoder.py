"""The library's JSON transcoding of stored events, the same bytes and objects made faster
with orjson."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

import orjson
from eventsourcing.persistence import DatetimeAsISO, JSONTranscoder, Transcoding

_PLAIN = frozenset({str, int, bool, type(None)})
"""Written by orjson as by the json module (ints within 64 bits; orjson refuses larger)."""
_HANDED_BACK = frozenset({datetime, date, time, Decimal})
"""Types orjson passes to `default` (times only with OPT_PASSTHROUGH_DATETIME)."""


class _Fallback(Exception):
    """orjson's reading may differ from the json module's: decode as the library does."""


class KaoheJSONTranscoder(JSONTranscoder):
    """Encodes exactly as `JSONTranscoder` does (insertion order, no spaces, UTF-8 unescaped,
    registered types as `{"_type_": name, "_data_": encoded}`); decodes as it does.

    orjson writes an object only when it holds nothing but exact str, int, bool and None,
    dicts, lists and tuples, and registered types orjson hands back (times, decimals),
    which the library's own `_encode_obj` encodes. Anything else (ids, which orjson would
    write as text; floats, whose exponents it writes otherwise; enums; subclasses), and
    anything orjson refuses, goes to the library's encoder, which also raises as it would.

    Decoding parses with orjson, then turns every `{"_type_": name, "_data_": data}` object
    into its registered type, innermost first, as the library's object hook does. Whatever
    orjson refuses (NaN, overflowing exponents, lone surrogates, invalid UTF-8) and any
    document holding a float (orjson reads integers beyond 64 bits as floats) is decoded by
    the library's decoder instead, so the objects, and the errors, are the same."""

    def __init__(self) -> None:
        super().__init__()
        self._ready = _PLAIN
        self._decoders: dict[str, Callable[[Any], Any]] = {}
        self._text_decoders: dict[str, Callable[[Any], Any]] = {}
        self._last: tuple[object, dict[str, Any]] = (None, {})
        """The last value handed back and its encoding: the events a command saves share
        one timestamp object."""

    def register(self, transcoding: Transcoding) -> None:
        super().register(transcoding)
        self._ready = _PLAIN | _HANDED_BACK.intersection(self.types)
        self._decoders = {name: t.decode for name, t in self.names.items()}
        # Of text, the library's transcoding is `fromisoformat` behind a check that the data
        # is text: every event's time goes through it.
        self._text_decoders = self._decoders | {
            name: datetime.fromisoformat
            for name, t in self.names.items()
            if type(t) is DatetimeAsISO
        }

    def encode(self, obj: Any) -> bytes:
        if self._only_ready((obj,)):
            try:
                return orjson.dumps(
                    obj, default=self._handed_back, option=orjson.OPT_PASSTHROUGH_DATETIME
                )
            except orjson.JSONEncodeError:
                pass
        return super().encode(obj)

    def decode(self, data: bytes) -> Any:
        try:
            value = orjson.loads(data)
            kind = type(value)
            if kind is dict:
                return self._revive(value)
            if kind is list:
                self._revive_all(value)
            elif kind is float:
                raise _Fallback
            return value
        except (orjson.JSONDecodeError, _Fallback, RecursionError):
            return super().decode(data)

    def _revive(self, d: dict[str, Any]) -> Any:
        """The object hook's result for `d`, its values revived first."""
        for key, value in d.items():
            kind = type(value)
            if kind is str:
                continue
            if kind is dict:
                d[key] = self._revive_value(value)
            elif kind is list:
                self._revive_all(value)
            elif kind is float:
                raise _Fallback
        if len(d) == 2 and "_type_" in d and "_data_" in d:
            try:
                decode = self._decoders[d["_type_"]]
            except (KeyError, TypeError):
                return self._decode_obj(d)  # which raises as the library does
            return decode(d["_data_"])
        return d

    def _revive_value(self, d: dict[str, Any]) -> Any:
        """`_revive`, without a walk for the common `{"_type_": name, "_data_": text}`."""
        if len(d) == 2:
            name, data = d.get("_type_"), d.get("_data_")
            if type(name) is str and type(data) is str:
                decode = self._text_decoders.get(name)
                if decode is not None:
                    return decode(data)
        return self._revive(d)

    def _revive_all(self, items: list[Any]) -> None:
        for i, value in enumerate(items):
            kind = type(value)
            if kind is dict:
                items[i] = self._revive_value(value)
            elif kind is list:
                self._revive_all(value)
            elif kind is float:
                raise _Fallback

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
