"""Each event is applied exactly once: a crash mid-batch loses nothing and repeats nothing."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from application.service import Kaohe
from infra.projections.audit_trail_sql import SqlAuditTrailView
from infra.projections.database import Tx
from infra.projections.registry import Projections
from infra.projections.runner import ProjectionRunner
from infra.projections.view import Projection
from projections.audit_trail import AUDIT_TRAIL, AuditRow, AuditTrail
from tests.integration.projections.conftest import audited_positions, views
from tests.unit.projections.activity import a_quarter, hierarchy


class CrashingView(SqlAuditTrailView):
    """Crashes while writing the batch that holds `position`: when the row is added, or
    after the batch's rows were sent to the database."""

    def __init__(self, projections: Projections, position: int, where: str) -> None:
        super().__init__(projections.db)
        self.position, self.where = position, where
        self.batch: list[int] = []

    def begin(self, tx: Tx, version: int) -> None:
        super().begin(tx, version)
        self.batch = []

    def add(self, row: AuditRow) -> None:
        if self.where == "add" and row.position == self.position:
            raise RuntimeError("crash while writing a row")
        self.batch.append(row.position)
        super().add(row)

    def flush(self) -> None:
        crash = self.where == "flush" and self.position in self.batch
        super().flush()
        if crash:
            raise RuntimeError("crash after the rows were written")


def runner(projections: Projections, view: Any = None, batch_size: int = 7) -> ProjectionRunner:
    projection = Projection(AuditTrail(), view or SqlAuditTrailView(projections.db))
    catalog = projections.catalog
    return ProjectionRunner(projections.store, projections.db, projection, catalog, batch_size)


def position(projections: Projections) -> int:
    found = projections.catalog.versions(AUDIT_TRAIL)
    assert found is not None
    return found.active_position


@pytest.mark.parametrize("restart", ["new runner", "same runner"])
@pytest.mark.parametrize("where", ["add", "flush"])
def test_a_worker_crashing_mid_batch_resumes_without_skipping_or_repeating(
    app: Kaohe, projections: Projections, where: str, restart: str
) -> None:
    a_quarter(app)
    expected = audited_positions(app.store)
    notifications = app.store.recorder.select_notifications(1, 10_000)
    # A batch that changes facts (statuses) before the crash: a runner that kept them
    # after the rollback would show wrong old values when it retries.
    crash_at = next(n.id for n in notifications if n.topic.endswith("Assessment.Reopened"))
    projections.ensure()

    view = CrashingView(projections, crash_at, where)
    crashing = runner(projections, view)
    with pytest.raises(RuntimeError, match="crash"):
        crashing.catch_up()

    stopped_at = position(projections)
    assert 0 < stopped_at < crash_at
    assert [r.position for r in views(projections).trail] == [
        p for p in expected if p <= stopped_at
    ]

    if restart == "same runner":
        view.position = -1
        crashing.catch_up()
    else:
        runner(projections).catch_up()
    live = views(projections)
    assert [r.position for r in live.trail] == expected
    projections.rebuild(AUDIT_TRAIL)
    assert views(projections) == live


def test_a_batch_applied_again_changes_nothing(app: Kaohe, projections: Projections) -> None:
    a_quarter(app)
    projections.catch_up()
    before, head = views(projections), position(projections)
    everything = app.store.recorder.select_notifications(1, 100_000)
    version = projections.catalog.versions(AUDIT_TRAIL)
    assert version is not None

    for again in (runner(projections), runner(projections)):
        assert again.apply(version.active, everything) == head
        assert again.apply(version.active, everything[:10]) == head
    assert views(projections) == before
    assert projections.catch_up() == 0


def test_two_runners_of_one_projection_apply_each_event_once(
    app: Kaohe, projections: Projections
) -> None:
    hierarchy(app)
    projections.ensure()
    first, second = runner(projections, batch_size=1), runner(projections, batch_size=1)
    first.catch_up()
    a_quarter(app, register_units=False)
    # They take turns event by event, each with its own cache of facts (assessment statuses,
    # unit names): each must notice the other's writes, or its old → new values go wrong.
    while first.step() + second.step():
        pass
    live = views(projections)
    assert [r.position for r in live.trail] == audited_positions(app.store)
    projections.rebuild(AUDIT_TRAIL)
    assert views(projections) == live


def test_a_runner_retrying_a_failed_batch_forgets_what_it_cached(
    app: Kaohe, projections: Projections
) -> None:
    a_quarter(app)
    everything = app.store.recorder.select_notifications(1, 10_000)
    returned, approved = (
        next(i for i, n in enumerate(everything) if n.topic.endswith(name))
        for name in ("Assessment.Returned", "Assessment.Approved")
    )
    projections.ensure()
    view = CrashingView(projections, everything[approved].id, "flush")
    retrying = runner(projections, view)
    retrying.apply(1, everything[:returned])
    # This batch moves the status submitted → returned → submitted → approved, then fails.
    with pytest.raises(RuntimeError, match="crash"):
        retrying.apply(1, everything[returned : approved + 1])
    view.position = -1
    retrying.apply(1, everything[returned : approved + 1])

    rows = {r.position: r for r in views(projections).trail}
    assert (rows[everything[returned].id].old, rows[everything[returned].id].new) == (
        "submitted",
        "returned",
    )


def test_two_runners_racing_in_threads_apply_each_event_once(
    app: Kaohe, projections: Projections
) -> None:
    a_quarter(app)
    projections.ensure()
    errors: list[BaseException] = []

    def run(racer: ProjectionRunner) -> None:
        try:
            racer.catch_up()
        except BaseException as error:  # reported below, not lost in the thread
            errors.append(error)

    racers = [threading.Thread(target=run, args=(runner(projections, batch_size=3),)) for _ in "ab"]
    for racer in racers:
        racer.start()
    for racer in racers:
        racer.join()
    assert errors == []
    live = views(projections)
    assert [r.position for r in live.trail] == audited_positions(app.store)
    projections.rebuild(AUDIT_TRAIL)
    assert views(projections) == live
