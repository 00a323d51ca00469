"""The one event store of Kaohe: every aggregate in one ordered, hash-chained log."""

from __future__ import annotations

from typing import Any, cast
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.persistence import Recording

from application.ports import EventHistory, EventTime


class EventStore(Application[UUID]):
    """Every save also writes the timestamp-index rows of its events (and any credentials
    passed with it) in the same transaction, so history by time never disagrees with the log."""

    name = "Kaohe"
    log_section_size = 500

    def save(self, *objs: Any, **kwargs: Any) -> list[Recording[UUID]]:
        times: list[EventTime] = [
            (event.originator_id, event.originator_version, event.timestamp)
            for obj in objs
            for event in getattr(obj, "pending_events", ())
        ]
        kwargs.setdefault("event_times", times)
        kwargs.setdefault("credentials", [])
        return super().save(*objs, **kwargs)

    @property
    def history(self) -> EventHistory:
        return cast(EventHistory, self.recorder)
