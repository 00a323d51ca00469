"""A rebuild builds a fresh version while the old one serves, then switches, row for row."""

from __future__ import annotations

import pytest

from application.commands.units import RenameUnit
from application.service import Kaohe
from infra.errors import RebuildRunningError
from infra.projections.catalog import Versions
from infra.projections.database import DB_ERRORS
from infra.projections.registry import PROJECTIONS, Projections
from projections.audit_trail import AUDIT_TRAIL, AuditQuery
from tests.integration.projections.conftest import views
from tests.unit.projections.activity import a_quarter, hierarchy


def versions(projections: Projections, name: str = AUDIT_TRAIL) -> Versions:
    found = projections.catalog.versions(name)
    assert found is not None
    return found


def test_a_rebuilt_view_equals_the_live_view_row_for_row(
    app: Kaohe, projections: Projections
) -> None:
    hierarchy(app)
    projections.catch_up()
    a_quarter(app, register_units=False)
    projections.catch_up()
    live = views(projections)
    assert len(live.trail) == 87 and len(live.units) == 7

    assert len(live.sheets) == 2

    for name in PROJECTIONS:
        assert projections.rebuild(name) == 2
    assert views(projections) == live
    assert [(s.name, s.version, s.lag, s.stale) for s in projections.status()] == [
        (name, 2, 0, False) for name in PROJECTIONS
    ]


def test_the_old_version_serves_until_the_switch_then_is_dropped(
    app: Kaohe, projections: Projections
) -> None:
    a_quarter(app)
    projections.catch_up()
    live = views(projections)
    seen: list[int] = []

    def progress(position: int, head: int) -> None:
        seen.append(position)
        assert versions(projections).active == 1
        assert versions(projections).building == 2
        assert views(projections) == live

    projections.rebuild(AUDIT_TRAIL, progress, batch_size=10)
    assert len(seen) > 3 and seen == sorted(seen)
    assert (versions(projections).active, versions(projections).building) == (2, None)
    with pytest.raises(DB_ERRORS), projections.db.read() as tx:
        tx.rows(f"SELECT * FROM {projections.db.table(AUDIT_TRAIL, 1)}")


def test_a_stopped_rebuild_resumes_where_it_stopped(app: Kaohe, projections: Projections) -> None:
    a_quarter(app)
    projections.catch_up()
    live = views(projections)

    def stop_after_two_batches(position: int, head: int) -> None:
        if position > 20:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        projections.rebuild(AUDIT_TRAIL, stop_after_two_batches, batch_size=10)
    stopped = versions(projections)
    assert (stopped.active, stopped.building, stopped.building_position) == (1, 2, 30)

    resumed: list[int] = []
    assert projections.rebuild(AUDIT_TRAIL, lambda p, h: resumed.append(p), batch_size=10) == 2
    assert resumed[0] == 40
    assert views(projections) == live


def test_a_live_runner_follows_the_switch(app: Kaohe, projections: Projections) -> None:
    a_quarter(app)
    (live,) = projections.runners([AUDIT_TRAIL])
    live.catch_up()
    projections.rebuild(AUDIT_TRAIL)
    outcome = app.setup(RenameUnit(code="V1", unit_name="东街新社区"))

    live.catch_up()
    newest = projections.audit_trail(AuditQuery(limit=1)).rows[0]
    assert (newest.position, newest.old, newest.new) == (outcome.position, "东街社区", "东街新社区")
    assert versions(projections).active_position == outcome.position


def test_a_version_built_by_other_code_is_rebuilt_before_it_runs(
    app: Kaohe, projections: Projections
) -> None:
    a_quarter(app)
    projections.catch_up()
    live = views(projections)
    with projections.db.write() as tx:
        tx.run(f"UPDATE {projections.catalog.tracking_table} SET layout = 'r0-older'")
    assert all(s.stale for s in projections.status())

    poller = projections.poller()
    poller.cycle()
    poller.release()
    assert [(s.version, s.stale, s.lag) for s in projections.status()] == [(2, False, 0)] * len(
        PROJECTIONS
    )
    assert views(projections) == live


def test_a_rebuild_started_during_another_one_is_refused_or_joins_it(
    app: Kaohe, projections: Projections
) -> None:
    a_quarter(app)
    projections.catch_up()
    live = views(projections)
    nested: list[int] = []

    def start_another(position: int, head: int) -> None:
        if nested:
            return
        if projections.db.postgres is not None:  # the advisory lock refuses it
            with pytest.raises(RebuildRunningError):
                projections.rebuild(AUDIT_TRAIL)
            nested.append(0)
        else:  # SQLite has no such lock: it builds the same version, and one switch wins
            nested.append(projections.rebuild(AUDIT_TRAIL))

    assert projections.rebuild(AUDIT_TRAIL, start_another, batch_size=10) == 2
    assert nested in ([0], [2])
    assert (versions(projections).active, versions(projections).building) == (2, None)
    assert views(projections) == live
