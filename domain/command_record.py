"""The record of a command run with an idempotency key, so a repeat returns the first result."""

from __future__ import annotations

from typing import Any

from domain.audit import AuditedAggregate, Stamp
from domain.ids import command_id


class CommandRecord(AuditedAggregate):
    """Saved in the same transaction as the command's changes. Invariant: one per key and
    actor; a key reused for a different request is refused by its fingerprint."""

    class Recorded(AuditedAggregate.Created):
        key: str
        command: str
        fingerprint: str
        result: dict[str, Any]

        def apply(self, aggregate: Any) -> None:
            super().apply(aggregate)
            aggregate.key = self.key
            aggregate.command = self.command
            aggregate.fingerprint = self.fingerprint
            aggregate.result = self.result

    key: str
    command: str
    fingerprint: str
    result: dict[str, Any]

    def __init__(self) -> None:
        """State comes from the events' apply methods."""

    @classmethod
    def record(
        cls, stamp: Stamp, key: str, command: str, fingerprint: str, result: dict[str, Any]
    ) -> CommandRecord:
        return cls._start(
            cls.Recorded,
            command_id(f"{stamp.actor_id}:{key}"),
            stamp,
            key=key,
            command=command,
            fingerprint=fingerprint,
            result=result,
        )
