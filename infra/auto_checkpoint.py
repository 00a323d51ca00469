"""Signing checkpoints without anyone asking: every N events and every few minutes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import structlog
from eventsourcing.persistence import ApplicationRecorder

from domain.checkpoint import Checkpoint
from infra.checkpoints import make_checkpoint
from infra.ledger_keys import LOG_NAME, SigningKey, log_key_path, open_signing_key
from infra.persistence.checkpoint_table import CheckpointRow, CheckpointTable
from infra.settings import Settings
from infra.signed_note import split_note

log = structlog.get_logger(__name__)


class AutoCheckpoints:
    """Signs a checkpoint once `every` log positions were stored since the last one, or
    `seconds` after the last one when anything was stored since (0 turns either off). The
    process that keeps the projections current calls `tick` after each cycle; a tick with
    nothing due costs one look at the log head. Positions may have gaps, so a checkpoint
    comes after at most `every` events."""

    def __init__(
        self,
        recorder: ApplicationRecorder,
        key: Callable[[], SigningKey],
        now: Callable[[], datetime],
        every: int = 1000,
        seconds: int = 300,
    ) -> None:
        self.recorder = recorder
        self.key = key
        self.now = now
        self.every = every
        self.seconds = seconds
        self._last: tuple[int, datetime] | None = None

    @classmethod
    def from_settings(
        cls, recorder: ApplicationRecorder, settings: Settings, now: Callable[[], datetime]
    ) -> AutoCheckpoints | None:
        """The settings' policy over the store's log key (None when both are off)."""
        if not settings.checkpoint_every and not settings.checkpoint_seconds:
            return None
        path = log_key_path(settings.data_dir)
        return cls(
            recorder,
            lambda: log_key(path),
            now,
            settings.checkpoint_every,
            settings.checkpoint_seconds,
        )

    def tick(self) -> CheckpointRow | None:
        """Sign a checkpoint if one is due; the new one, else None."""
        head = self.recorder.max_notification_id() or 0
        if self._last is None or self._due(head, *self._last):
            # Another process may have signed one meanwhile: decide on the stored one.
            self._last = self._latest()
        if not self._due(head, *self._last):
            return None
        row = make_checkpoint(self.recorder, self.key(), self.now())
        self._last = (row.log_position, stamped_at(row))
        log.info("ledger.checkpoint_signed", tree_size=row.tree_size, position=row.log_position)
        return row

    def _due(self, head: int, position: int, at: datetime) -> bool:
        if head <= position:
            return False
        if self.every and head - position >= self.every:
            return True
        return bool(self.seconds) and self.now() - at >= timedelta(seconds=self.seconds)

    def _latest(self) -> tuple[int, datetime]:
        row = CheckpointTable(self.recorder).latest()
        if row is None:
            # Nothing signed yet: count from the start, and time from now (a fresh store
            # gets its first checkpoint after `seconds`, not at once).
            return (0, self.now()) if self._last is None else self._last
        return row.log_position, stamped_at(row)


def stamped_at(row: CheckpointRow) -> datetime:
    return Checkpoint.parse(split_note(row.note)[0]).time


def log_key(path: Path) -> SigningKey:
    key, created = open_signing_key(path, LOG_NAME)
    if created:
        log.warning("ledger.key_made", path=str(path), public_key=key.verifier().text())
    return key
