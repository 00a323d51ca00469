"""The composition root: everything a process serves with, wired once from settings."""

from __future__ import annotations

from application.authorization import Authorizer
from application.bus import Bus
from application.denials import StoreDenialLog
from application.ports import Clock, Namesakes
from application.queries.reads import Queries
from application.refusals import RefusalPolicy
from application.service import Kaohe
from application.store import EventStore
from infra.auth_tokens import AuthTables
from infra.auto_checkpoint import log_key
from infra.clock import SystemClock
from infra.evidence_files import FileEvidence
from infra.export_stamp import Stamper
from infra.ledger_keys import log_key_path
from infra.login_throttle import LoginThrottle
from infra.passwords import Argon2Hasher
from infra.persistence.env import event_store_env
from infra.persistence.reachability import check_reachable
from infra.projections.registry import Projections
from infra.read_models import ProjectedQueries, ProjectedReadModels
from infra.refusal_log import StoreRefusalLog
from infra.services import Services
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
    """Kaohe over the configured store, with the server clock unless another is given: the
    application of set-up code (`Kaohe.setup`), without read models."""
    return Kaohe(
        store or open_event_store(settings),
        clock or SystemClock(),
        Argon2Hasher(),
        FileEvidence(settings.data_dir / "evidence"),
    )


def build_authorizer(
    app: Kaohe, projections: Projections, refusal_policy: RefusalPolicy | None = None
) -> Authorizer:
    """The authorizer of callers' commands: the unit tree from the units view, refusals
    logged beside the read models, denials in the event store."""
    clock = app.runner.clock
    return Authorizer(
        ViewUnitTree(projections),
        app.runner,
        StoreRefusalLog(projections.db, clock, refusal_policy),
        StoreDenialLog(app.store),
        clock,
    )


def build_queries(app: Kaohe, projections: Projections, authorizer: Authorizer) -> ProjectedQueries:
    """The guarded queries the web reads through: the read models, checked by `authorizer`."""
    return Queries(authorizer, ProjectedReadModels(projections, app))


def build_bus(app: Kaohe, authorizer: Authorizer, namesakes: Namesakes | None = None) -> Bus:
    """The bus of callers' commands over the application's store, authorized by `authorizer`
    (units checked for namesakes under their parent in `namesakes`, where given)."""
    return Bus(
        app.store,
        app.runner.clock,
        authorizer,
        app.rubrics.rubric,
        app.assessments.files,
        hasher=app.accounts.hasher,
        namesakes=namesakes,
    )


def build(
    settings: Settings, kaohe: Kaohe | None = None, refusal_policy: RefusalPolicy | None = None
) -> Services:
    """Everything wired once: the application (built from the settings unless given), its
    read models, the bus that authorizes callers against the units view (the refusal log
    beside the read models), the queries over the same authorizer, and the web's tables."""
    app = kaohe or build_kaohe(settings)
    projections = Projections(app.store)
    clock = app.runner.clock
    authorizer = build_authorizer(app, projections, refusal_policy)
    bus = build_bus(app, authorizer, ViewUnitTree(projections))
    key_path = log_key_path(settings.data_dir)
    return Services(
        kaohe=app,
        projections=projections,
        bus=bus,
        queries=build_queries(app, projections, authorizer),
        auth_tables=AuthTables(projections.db, clock),
        login_throttle=LoginThrottle(projections.db, clock),
        stamper=Stamper(projections.store.recorder, lambda: log_key(key_path), clock.now),
    )
