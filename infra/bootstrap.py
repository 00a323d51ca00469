"""The composition root: the event store, the application and its bus built from settings."""

from __future__ import annotations

from application.authorization import Authorizer
from application.bus import Bus
from application.denials import StoreDenialLog
from application.ports import Clock
from application.refusals import RefusalPolicy
from application.service import Kaohe
from application.store import EventStore
from infra.clock import SystemClock
from infra.evidence_files import FileEvidence
from infra.passwords import Argon2Hasher
from infra.persistence.env import event_store_env
from infra.persistence.reachability import check_reachable
from infra.projections.registry import Projections
from infra.refusal_log import StoreRefusalLog
from infra.settings import Settings
from infra.unit_tree import ViewUnitTree


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


def build_bus(
    app: Kaohe, projections: Projections, refusal_policy: RefusalPolicy | None = None
) -> Bus:
    """The bus over the application's store, authorizing against the units view (with the
    refusal log beside the read models); the command line uses its trusted `handle_as`."""
    clock = app.runner.clock
    authorizer = Authorizer(
        ViewUnitTree(projections),
        app.runner,
        StoreRefusalLog(projections.db, clock, refusal_policy),
        StoreDenialLog(app.store),
        clock,
    )
    return Bus(app.store, clock, authorizer, app.rubrics.rubric, app.assessments.files)
