"""What the sheet page states of the ledger: its last event's log position and hash, and the
first signed checkpoint whose tree holds that event."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable
from uuid import UUID

from infra.export_stamp import Stamper


@runtime_checkable
class EventPositions(Protocol):
    def position_of(self, originator_id: UUID, version: int) -> int | None:
        """The notification id of one event (None: not stored)."""
        ...


@dataclass(frozen=True)
class SheetStamp:
    """A sheet is its own events: it reads the same at every log position from its last
    event's until its next change, so that position (and a checkpoint holding it) dates it."""

    aggregate_id: str
    version: int
    event_hash: str
    position: int
    tree_size: int
    root_hash: str
    signed_at: str


def sheet_stamp(stamper: Stamper, aid: UUID, version: int, event_hash: str) -> SheetStamp | None:
    """The stamp of a sheet at `version` (None: a store that cannot say where it is)."""
    recorder = stamper.recorder
    if not isinstance(recorder, EventPositions):
        return None
    position = recorder.position_of(aid, version)
    if position is None:
        return None
    row, checkpoint = stamper.covering(position)
    return SheetStamp(
        str(aid),
        version,
        event_hash,
        position,
        row.tree_size,
        checkpoint.root.hex(),
        checkpoint.time.isoformat(timespec="seconds"),
    )
