"""The store's transcoder decodes (with orjson) into exactly the objects the library's
JSONTranscoder decodes into, and raises where it raises."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any
from uuid import UUID

import pytest
from eventsourcing.persistence import (
    DatetimeAsISO,
    DecimalAsStr,
    JSONTranscoder,
    Transcoding,
    UUIDAsHex,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from infra.bootstrap import open_event_store
from infra.persistence.transcoder import KaoheJSONTranscoder
from infra.settings import Settings
from tests.integration.web.demo_api import LoadedDemo


def registered(transcoder: JSONTranscoder) -> JSONTranscoder:
    for transcoding in (UUIDAsHex(), DecimalAsStr(), DatetimeAsISO()):
        transcoder.register(transcoding)
    return transcoder


LIBRARY = registered(JSONTranscoder())
FAST = registered(KaoheJSONTranscoder())


def same(a: Any, b: Any) -> bool:
    """Equal, and of the same types all the way down (1 is not 1.0 nor True, Decimal("1.0")
    is not Decimal("1"), a time keeps its offset, keys keep their order)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list | tuple):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float | Decimal | datetime):
        return repr(a) == repr(b)
    return bool(a == b)


def outcome(transcoder: JSONTranscoder, data: bytes) -> tuple[str, Any]:
    try:
        return "value", transcoder.decode(data)
    except Exception as e:  # the kind of error and its message are what is compared
        return "error", (type(e), str(e))


def assert_same_outcome(data: bytes) -> None:
    (kind, found), (expected_kind, expected) = outcome(FAST, data), outcome(LIBRARY, data)
    assert kind == expected_kind, data
    assert same(found, expected), data


offsets = st.integers(-(24 * 3600 - 1), 24 * 3600 - 1).map(lambda s: timezone(timedelta(seconds=s)))
leaves = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),  # beyond 64 bits as well, which orjson would read as floats
    st.floats(),  # NaN and infinities too, which orjson refuses
    st.text(),
    st.decimals(),
    st.uuids(),
    st.datetimes(timezones=st.one_of(st.none(), st.just(UTC), offsets)),
)
keys = st.one_of(st.text(max_size=8), st.sampled_from(["_type_", "_data_"]))
values = st.recursive(
    leaves,
    lambda inner: st.one_of(st.lists(inner, max_size=5), st.dictionaries(keys, inner, max_size=5)),
    max_leaves=30,
)


@settings(max_examples=500)
@given(values)
def test_decodes_what_the_library_encoded_into_the_same_objects(value: Any) -> None:
    assert_same_outcome(LIBRARY.encode(value))


TOKENS = [
    *("{", "}", "[", "]", ",", ":", " ", '"_type_"', '"_data_"', '"uuid_hex"'),
    *('"decimal_str"', '"datetime_iso"', '"0.5"', '"2024-01-02T03:04:05+08:00"', '"x"'),
    *('"0123456789abcdef0123456789abcdef"', '"not hex"', '"nope"', "1", "-0", "1.5"),
    *("1e400", "18446744073709551616", "-9223372036854775809", "NaN", "-Infinity"),
    *('"\\ud800"', '"\\u0000"', "null", "true", '"\xe9"'),
]


@settings(max_examples=1000)
@given(st.lists(st.sampled_from(TOKENS), max_size=14).map("".join))
def test_any_text_decodes_or_fails_as_in_the_library(text: str) -> None:
    assert_same_outcome(text.encode("utf-8", "surrogatepass"))


@settings(max_examples=300)
@given(st.binary(max_size=40))
def test_any_bytes_decode_or_fail_as_in_the_library(data: bytes) -> None:
    assert_same_outcome(data)


@pytest.mark.parametrize(
    "data",
    [
        b'{"n":18446744073709551616,"t":{"_type_":"uuid_hex","_data_":"' + b"a" * 32 + b'"}}',
        b'[{"_type_":"decimal_str","_data_":"1.50"},1.0,-0.0,1e400]',
        b'{"_type_":"datetime_iso","_data_":"2024-01-02T03:04:05.000001+08:00"}',
        b'{"_type_":"no_such_type","_data_":"x"}',
        b'{"_type_":"uuid_hex","_data_":"not hex"}',
        b'{"_type_":"uuid_hex","_data_":{"_type_":"decimal_str","_data_":"1"}}',
        b'{"_type_":{"_type_":"uuid_hex","_data_":"' + b"b" * 32 + b'"},"_data_":"x"}',
        b'{"_type_":["uuid_hex"],"_data_":"x"}',
        b'{"_type_":"decimal_str","_data_":"1","extra":null}',
        b'{"_type_":"decimal_str","_data_":"1","_type_":"uuid_hex"}',
        b'{"a":"\\ud800"}',
        b'{"a":"\xff"}',
        b"\xef\xbb\xbf{}",
        b"[" * 1100 + b"]" * 1100,
        b'{"a":' * 300 + b"1" + b"}" * 300,
        b"NaN",
        b"",
    ],
)
def test_edge_cases_decode_or_fail_as_in_the_library(data: bytes) -> None:
    assert_same_outcome(data)


class Upper(Transcoding):
    type = str
    name = "upper"

    def encode(self, obj: str) -> str:
        return obj.lower()

    def decode(self, data: str) -> str:
        return data.upper()


def test_a_transcoding_registered_later_is_decoded_too() -> None:
    library, fast = registered(JSONTranscoder()), registered(KaoheJSONTranscoder())
    library.register(Upper())
    fast.register(Upper())
    data = b'{"a":{"_type_":"upper","_data_":"x"},"b":[{"_type_":"upper","_data_":"y"}]}'
    assert same(fast.decode(data), library.decode(data))
    assert fast.decode(data) == {"a": "X", "b": ["Y"]}


@pytest.fixture(scope="module")
def demo_store(loaded_demo: LoadedDemo, tmp_path_factory: pytest.TempPathFactory) -> Any:
    where = tmp_path_factory.mktemp("demo") / "store"
    shutil.copytree(loaded_demo.folder, where)
    store = open_event_store(Settings(where))
    yield store
    store.close()


def test_every_stored_event_of_the_demo_decodes_into_the_same_objects(demo_store: Any) -> None:
    assert isinstance(demo_store.mapper.transcoder, KaoheJSONTranscoder)
    log = demo_store.recorder.select_notifications(start=None, limit=100_000)
    topics = {n.topic for n in log}
    assert len(log) > 3000
    assert len(topics) >= 15
    for n in log:
        assert same(FAST.decode(n.state), LIBRARY.decode(n.state)), n.topic


def test_every_stored_event_of_the_demo_maps_to_the_same_domain_event(demo_store: Any) -> None:
    mapper = demo_store.mapper
    log = demo_store.recorder.select_notifications(start=None, limit=100_000)
    fast_events = [mapper.to_domain_event(n) for n in log]
    library = registered(JSONTranscoder())
    original, mapper.transcoder = mapper.transcoder, library
    try:
        library_events = [mapper.to_domain_event(n) for n in log]
    finally:
        mapper.transcoder = original
    for fast, expected in zip(fast_events, library_events, strict=True):
        assert type(fast) is type(expected)
        assert same(vars(fast), vars(expected)), type(expected).__qualname__


def test_a_stored_payload_decodes_with_its_types() -> None:
    at = datetime(2024, 1, 2, 3, 4, 5, 6, tzinfo=timezone(timedelta(hours=8)))
    value = {"at": at, "id": UUID(int=5), "points": Decimal("0.50"), "entry": {"points": "1"}}
    decoded = FAST.decode(LIBRARY.encode(value))
    assert same(decoded, value)
