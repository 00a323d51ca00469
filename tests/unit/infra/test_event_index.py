"""The timestamps of a save come from its `event_times`, one row per stored event, or it fails."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from uuid import UUID

import pytest
from eventsourcing.persistence import ProgrammingError, StoredEvent

from infra.persistence.event_index import event_timestamps

A, B = UUID(int=1), UUID(int=2)
T0 = datetime(2024, 3, 1, 9, tzinfo=UTC)
EVENTS = [
    StoredEvent(A, 1, "t:T", b"{}"),
    StoredEvent(A, 2, "t:T", b"{}"),
    StoredEvent(B, 1, "t:T", b"{}"),
]


def test_gives_each_event_its_time_in_order() -> None:
    rows = [(B, 1, T0 + timedelta(hours=1)), (A, 2, T0), (A, 1, T0)]

    assert event_timestamps(EVENTS, {"event_times": rows}) == [T0, T0, T0 + timedelta(hours=1)]


def test_matches_ids_given_as_text() -> None:
    rows = [(str(A), 1, T0), (str(A), 2, T0), (str(B), 1, T0)]

    assert event_timestamps(EVENTS, {"event_times": rows}) == [T0, T0, T0]


@pytest.mark.parametrize(
    "rows",
    [
        [(A, 1, T0), (A, 2, T0)],
        [(A, 1, T0), (A, 2, T0), (B, 1, T0), (B, 2, T0)],
        [(A, 1, T0), (A, 2, T0), (B, 1, T0), (B, 1, T0)],
        [],
    ],
)
def test_refuses_anything_but_one_row_per_event(rows: list[tuple[UUID, int, datetime]]) -> None:
    with pytest.raises(ProgrammingError, match="one row per stored event"):
        event_timestamps(EVENTS, {"event_times": rows})


def test_refuses_a_naive_time_and_names_its_event() -> None:
    rows = [(A, 1, T0), (A, 2, T0.replace(tzinfo=None)), (B, 1, T0)]

    with pytest.raises(
        ValueError, match=rf"timestamp of event \('{A}', 2\) must be timezone-aware"
    ):
        event_timestamps(EVENTS, {"event_times": rows})
