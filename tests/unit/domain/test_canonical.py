"""The canonical encoding: orjson's bytes are the json module's for every kind of data the
domain holds, so hashes written before orjson verify after it."""

from __future__ import annotations

import hashlib
import importlib
import pkgutil
import typing
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any
from uuid import UUID

import pytest
from eventsourcing.domain import DomainEvent
from hypothesis import given, settings
from hypothesis import strategies as st

import domain
from domain.account import Role
from domain.audit import NOT_IN_PAYLOAD, event_hash
from domain.canonical import canonical_json, reference_json
from domain.workflow import Layer

offsets = st.integers(-(24 * 3600 - 1), 24 * 3600 - 1).map(
    lambda s: timezone(timedelta(seconds=s))  # whole seconds too, as history's zones have
)
aware = st.datetimes(timezones=st.one_of(st.just(UTC), offsets, st.timezones()))
leaves = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),  # beyond 64 bits as well: orjson refuses those and the reference writes them
    st.text(),  # every code point but lone surrogates, control characters included
    st.text(st.characters(max_codepoint=0x3F)),
    st.decimals(),
    st.uuids(),
    aware,
    st.dates(),
    st.sampled_from([*Layer, *Role]),
)
data = st.recursive(
    leaves,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5),
        st.tuples(inner, inner),
        st.dictionaries(st.one_of(st.text(), st.sampled_from(list(Layer))), inner, max_size=5),
    ),
    max_leaves=30,
)


@settings(max_examples=500)
@given(data)
def test_orjson_writes_the_bytes_of_the_reference(value: object) -> None:
    assert canonical_json(value) == reference_json(value)


keys = st.one_of(st.text(), st.sampled_from(sorted(NOT_IN_PAYLOAD)))


@given(st.dictionaries(keys, data, max_size=8), st.uuids(), st.integers(1, 10**6))
def test_an_event_hash_is_the_one_the_reference_gives(
    state: dict[str, Any], aggregate_id: UUID, version: int
) -> None:
    # Storage bookkeeping (the id, version, hash and class version) is never hashed twice.
    payload = {k: v for k, v in state.items() if k not in NOT_IN_PAYLOAD}
    body = {"id": str(aggregate_id), "version": version, "topic": "t:T", "payload": payload}
    expected = event_hash(aggregate_id, version, "t:T", state)

    assert expected == hashlib.sha256(reference_json(body)).hexdigest()


def test_a_hash_written_before_orjson_is_unchanged() -> None:
    """The digest the json-module encoder gave for this state, pinned."""
    state = {
        "timestamp": datetime(2024, 3, 1, 9, 0, 0, 1, tzinfo=UTC),
        "actor_id": "admin-1",
        "reason": "改正\n\t\x01",
        "entry": {"points": Decimal("1.50"), "counts": {"b": 2, "a": 2**70}},
        "unit_id": UUID(int=7),
        "period_start": date(2024, 1, 1),
        "layer": Layer.SELF,
    }
    assert event_hash(UUID(int=1), 2, "domain.unit:Unit.Renamed", state) == (
        "dcb36b3a121ada3056da12e58bc338c51efe718224442c9ea3119d252b312f41"
    )


def test_what_orjson_refuses_goes_to_the_reference() -> None:
    assert canonical_json({10: [2**64], 2: "a"}) == b'{"2":"a","10":[18446744073709551616]}'
    with pytest.raises(TypeError, match="no canonical encoding for set"):
        canonical_json({"a": {1}})


def domain_event_classes() -> Iterator[type]:
    for module in pkgutil.walk_packages(domain.__path__, "domain."):
        importlib.import_module(module.name)
    seen: set[type] = set()
    todo = [DomainEvent]
    while todo:
        for sub in todo.pop().__subclasses__():
            if sub not in seen:
                seen.add(sub)
                todo.append(sub)
    yield from (cls for cls in seen if cls.__module__.startswith("domain."))


def mentions_float(hint: object) -> bool:
    return hint in (float, complex) or any(mentions_float(a) for a in typing.get_args(hint))


def test_no_event_of_any_aggregate_declares_a_float_field() -> None:
    """Floats are where orjson and the reference differ (1e-05 against 0.00001)."""
    classes = list(domain_event_classes())
    fields = {
        (cls, name): hint for cls in classes for name, hint in typing.get_type_hints(cls).items()
    }

    assert any(cls.__qualname__ == "Assessment.ItemScored" for cls in classes)
    assert [key for key, hint in fields.items() if mentions_float(hint)] == []


def test_an_event_body_takes_the_fast_path(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(data: object) -> bytes:
        raise AssertionError("the reference was used")

    monkeypatch.setattr("domain.canonical.reference_json", refuse)
    state = {"timestamp": datetime(2024, 3, 1, tzinfo=UTC), "entry": {"points": Decimal(1)}}

    assert event_hash(UUID(int=1), 1, "t:T", state | {"layer": Layer.SELF, "unit": UUID(int=2)})
