"""The composition root: the event store (and later the services) built from settings."""

from __future__ import annotations

from application.store import EventStore
from infra.persistence.env import event_store_env
from infra.settings import Settings


def open_event_store(settings: Settings) -> EventStore:
    """The one event store, on SQLite or PostgreSQL as the settings say; close it after use."""
    return EventStore(env=event_store_env(settings))
