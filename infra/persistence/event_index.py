"""What both recorders write beside the events: the timestamp index and the credentials."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, NamedTuple, Protocol, runtime_checkable
from uuid import UUID

from eventsourcing.persistence import ProgrammingError, StoredEvent

from application.ports import Credential, EventTime


class IndexedVersions(NamedTuple):
    """One aggregate in the timestamp index: its highest version and its number of rows
    (one per save that changed it, so at most its number of versions)."""

    last: int
    rows: int


@runtime_checkable
class EventIndex(Protocol):
    """The timestamp index as the ledger verifier reads it."""

    def index_position(self) -> int:
        """The highest notification id in the index (0 when empty)."""
        ...

    def indexed_versions(self, upto: int) -> dict[UUID, IndexedVersions]:
        """Per aggregate, its index rows with notification ids up to `upto`."""
        ...


def index_rows(
    stored_events: Sequence[StoredEvent],
    timestamps: Sequence[datetime],
    notification_ids: Sequence[int],
) -> list[tuple[int, UUID | str, int, datetime]]:
    """The index rows of one save: one per run of an aggregate's events sharing a timestamp
    (a command stamps all its events alike), keeping the run's last version and position.

    That is all `version_at` and `position_at` need, at a fraction of a row per event."""
    rows: list[tuple[int, UUID | str, int, datetime]] = []
    for nid, stored, at in zip(notification_ids, stored_events, timestamps, strict=True):
        row = (nid, stored.originator_id, stored.originator_version, at)
        if rows and rows[-1][1] == stored.originator_id and rows[-1][3] == at:
            rows[-1] = row
        else:
            rows.append(row)
    return rows


def _aware(at: datetime) -> bool:
    return at.tzinfo is not None and at.utcoffset() is not None


def require_aware(at: datetime, what: str = "the time") -> datetime:
    if not _aware(at):
        msg = f"{what} must be timezone-aware, got {at.isoformat()}"
        raise ValueError(msg)
    return at


def event_timestamps(
    stored_events: Sequence[StoredEvent], kwargs: Mapping[str, Any]
) -> list[datetime]:
    """The timestamp of each stored event, in order, from the `event_times` save kwarg.

    Raises before anything is written unless there is exactly one row per stored event,
    so the index can never disagree with the events."""
    rows: Sequence[EventTime] = kwargs.get("event_times", ())
    exact: dict[tuple[UUID | str, int], datetime] = {(a, v): at for a, v, at in rows}
    try:  # ids as given (UUIDs both sides, as EventStore.save gives them): no text to make
        found = [exact[s.originator_id, s.originator_version] for s in stored_events]
    except KeyError:
        found = []
    if found and len(exact) == len(found) == len(rows) and all(map(_aware, found)):
        return found
    # Otherwise compare the ids as text, and name what is wrong.
    times = {(str(aid), version): at for aid, version, at in rows}
    keys = [(str(s.originator_id), s.originator_version) for s in stored_events]
    missing = [key for key in keys if key not in times]
    if missing or len(times) != len(keys) or len(rows) != len(keys):
        msg = (
            f"event_times must have one row per stored event: {len(rows)} rows for "
            f"{len(keys)} events, missing {missing[:3]}"
        )
        raise ProgrammingError(msg)
    return [require_aware(times[key], f"the timestamp of event {key}") for key in keys]


def sorted_credentials(kwargs: Mapping[str, Any]) -> list[Credential]:
    """The `credentials` save kwarg, checked and sorted by account (a fixed lock order)."""
    credentials: Sequence[Credential] = kwargs.get("credentials", ())
    for account_id, password_hash in credentials:
        if not isinstance(account_id, UUID) or not isinstance(password_hash, str):
            msg = f"a credential is (UUID, str), got ({account_id!r}, {type(password_hash)})"
            raise ProgrammingError(msg)
        if not password_hash:
            msg = f"the password hash of account {account_id} is empty"
            raise ProgrammingError(msg)
    return sorted(credentials, key=lambda credential: credential[0])
