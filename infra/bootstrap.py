"""The composition root: the event store and the application built from settings."""

from __future__ import annotations

from application.ports import Clock
from application.service import Kaohe
from application.store import EventStore
from infra.clock import SystemClock
from infra.evidence_files import FileEvidence
from infra.passwords import Argon2Hasher
from infra.persistence.env import event_store_env
from infra.persistence.reachability import check_reachable
from infra.settings import Settings


def open_event_store(settings: Settings) -> EventStore:
    """The one event store, on SQLite or PostgreSQL as the settings say; close it after use.
    An unreachable PostgreSQL raises StoreUnreachableError within seconds, saying why."""
    if settings.postgres is not None:
        check_reachable(settings.postgres)
    return EventStore(env=event_store_env(settings))


def build_kaohe(
    settings: Settings, store: EventStore | None = None, clock: Clock | None = None
) -> Kaohe:
    """Kaohe over the configured store, with the server clock unless another is given."""
    return Kaohe(
        store or open_event_store(settings),
        clock or SystemClock(),
        Argon2Hasher(),
        FileEvidence(settings.data_dir / "evidence"),
    )
