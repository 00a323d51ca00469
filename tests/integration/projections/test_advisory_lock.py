"""On PostgreSQL one process runs each projection; another stands by and takes over."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from application.commands.units import RenameUnit
from application.service import Kaohe
from application.store import EventStore
from infra.bootstrap import open_event_store
from infra.errors import RebuildRunningError
from infra.projections.advisory import AdvisoryLock, lock_key
from infra.projections.registry import Projections
from infra.settings import Settings
from projections.audit_trail import AUDIT_TRAIL
from tests.unit.projections.activity import hierarchy

pytestmark = pytest.mark.parametrize(
    "store_env", [pytest.param("postgres", marks=pytest.mark.postgres)], indirect=True
)
"""Advisory locks are a PostgreSQL feature (SQLite runs projections in-process)."""


@pytest.fixture
def other_process(settings: Settings, store: EventStore) -> Iterator[Projections]:
    """The same database through its own connection pool, as another process has it."""
    other = open_event_store(settings)
    yield Projections(other, batch_size=7)
    other.close()


def test_a_second_runner_of_a_projection_stands_by_until_the_first_stops(
    app: Kaohe, projections: Projections, other_process: Projections
) -> None:
    hierarchy(app)
    first = projections.poller([AUDIT_TRAIL])
    second = other_process.poller([AUDIT_TRAIL])
    try:
        assert first.cycle() == 7
        assert (first.holds(AUDIT_TRAIL), second.holds(AUDIT_TRAIL)) == (True, False)

        outcome = app.setup(RenameUnit(code="V1", unit_name="东街新社区"))
        assert second.cycle() == 0
        assert not second.holds(AUDIT_TRAIL)
        assert not projections.wait_for(outcome.position, timeout=0.05)

        first.release()
        assert second.cycle() == 1
        assert (first.holds(AUDIT_TRAIL), second.holds(AUDIT_TRAIL)) == (False, True)
        assert first.cycle() == 0
        assert projections.wait_for(outcome.position, timeout=0.05, names=[AUDIT_TRAIL])
    finally:
        first.release()
        second.release()


def test_a_lock_whose_connection_died_is_known_to_be_lost(
    projections: Projections, other_process: Projections
) -> None:
    assert projections.db.postgres is not None
    lock = AdvisoryLock(projections.db.postgres, lock_key(projections.db.schema, "test"))
    assert lock.try_acquire() and lock.alive()
    pid = lock._connection.info.backend_pid
    assert other_process.db.postgres is not None
    with other_process.db.postgres.get_connection() as admin_connection:
        admin_connection.execute("SELECT pg_terminate_backend(%s)", (pid,))
    assert not lock.alive() and not lock.held
    assert lock.try_acquire()
    lock.release()


def test_one_rebuild_of_a_projection_at_a_time(
    app: Kaohe, projections: Projections, other_process: Projections
) -> None:
    hierarchy(app)
    assert other_process.db.postgres is not None
    key = lock_key(other_process.db.schema, f"rebuild:{AUDIT_TRAIL}")
    rebuilding = AdvisoryLock(other_process.db.postgres, key)
    assert rebuilding.try_acquire()
    try:
        with pytest.raises(RebuildRunningError, match="another process is rebuilding"):
            projections.rebuild(AUDIT_TRAIL)
    finally:
        rebuilding.release()
    assert projections.rebuild(AUDIT_TRAIL) == 2
