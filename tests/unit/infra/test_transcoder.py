"""The store's transcoder writes the bytes of the library's JSONTranscoder, and reads them back."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from enum import IntEnum
from pathlib import Path
from typing import Any

import pytest
from eventsourcing.persistence import (
    DatetimeAsISO,
    DecimalAsStr,
    JSONTranscoder,
    TranscodingNotRegisteredError,
    UUIDAsHex,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.account import Role
from domain.workflow import Layer
from infra.bootstrap import open_event_store
from infra.persistence.transcoder import KaoheJSONTranscoder
from infra.settings import Settings


class Level(IntEnum):
    LOW = 1


def registered(transcoder: JSONTranscoder) -> JSONTranscoder:
    for transcoding in (UUIDAsHex(), DecimalAsStr(), DatetimeAsISO()):
        transcoder.register(transcoding)
    return transcoder


LIBRARY = registered(JSONTranscoder())
FAST = registered(KaoheJSONTranscoder())

offsets = st.integers(-(24 * 3600 - 1), 24 * 3600 - 1).map(lambda s: timezone(timedelta(seconds=s)))
leaves = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),  # beyond 64 bits as well
    st.floats(),  # the library's encoder writes these (NaN and exponents included)
    st.text(),
    st.text(st.characters(max_codepoint=0x3F)),
    st.decimals(),
    st.uuids(),
    st.datetimes(timezones=st.one_of(st.none(), st.just(UTC), offsets)),
    st.sampled_from([*Layer, *Role, *Level]),
)
values = st.recursive(
    leaves,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5),
        st.tuples(inner, inner),
        st.dictionaries(st.text(), inner, max_size=5),
        st.dictionaries(st.integers(0, 9), inner, max_size=2),  # keys the json module converts
    ),
    max_leaves=30,
)
event_states = st.dictionaries(st.text(), values, max_size=14)


@settings(max_examples=500)
@given(event_states)
def test_writes_the_bytes_of_the_library_transcoder(state: dict[str, Any]) -> None:
    encoded = FAST.encode(state)

    assert encoded == LIBRARY.encode(state)
    assert repr(FAST.decode(encoded)) == repr(LIBRARY.decode(encoded))


def test_a_scored_item_is_written_without_the_library_encoder(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    state = {
        "timestamp": datetime(2024, 3, 1, 9, tzinfo=UTC),
        "actor_role": "station_staff",
        "item": "1.2",
        "layer": "self",
        "entry": {"points": "1.5", "amounts": {"a": Decimal("0.5")}, "claims": [["m", "t"]]},
        "previous": None,
    }
    expected = LIBRARY.encode(state)
    monkeypatch.setattr(JSONTranscoder, "encode", lambda *_: b"library")

    assert FAST.encode(state) == expected


def test_refuses_what_the_library_refuses() -> None:
    with pytest.raises(TranscodingNotRegisteredError, match="date"):
        FAST.encode({"day": date(2024, 3, 1)})


def test_the_event_store_writes_with_it_and_knows_the_library_types(tmp_path: Path) -> None:
    store = open_event_store(Settings(tmp_path))
    try:
        transcoder = store.mapper.transcoder
        assert isinstance(transcoder, KaoheJSONTranscoder)
        assert set(transcoder.names) == {"uuid_hex", "decimal_str", "datetime_iso"}
    finally:
        store.close()
