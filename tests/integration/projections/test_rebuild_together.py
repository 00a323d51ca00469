"""Rebuilding several projections from one reading of the log gives what rebuilding each on
its own gives, and what the live views show; so does a build that stopped and resumed."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import pytest
from click.testing import CliRunner

from application.service import Kaohe
from infra.errors import ProjectionFailedError
from infra.projections import scores_sql
from infra.projections.registry import PROJECTIONS, Projections
from infra.projections.runner import ProjectionRunner
from projections.audit_trail import AUDIT_TRAIL
from projections.scores import SCORES, SheetChange, SheetFilter
from projections.units import UNITS
from tests.integration.projections.conftest import Views, views
from tests.unit.projections.activity import a_quarter, hierarchy
from web.cli import main


def histories(projections: Projections) -> dict[UUID, list[SheetChange]]:
    """Every sheet's stored changes (what as-of readings fold)."""
    ids = [s.assessment_id for s in projections.scores().sheets(SheetFilter())]
    return projections.scores().histories(ids)


def everything(projections: Projections) -> tuple[Views, dict[UUID, list[SheetChange]]]:
    return views(projections), histories(projections)


def test_one_reading_for_all_equals_separate_rebuilds_and_the_live_views(
    app: Kaohe, projections: Projections
) -> None:
    hierarchy(app)
    a_quarter(app, register_units=False)
    projections.catch_up()
    live = everything(projections)
    assert len(live[0].sheets) == 2 and all(live[1].values())

    for name in PROJECTIONS:
        assert projections.rebuild(name) == 2
    assert everything(projections) == live

    seen: list[int] = []
    built = projections.rebuild_together(progress=lambda p, h: seen.append(p), batch_size=10)
    assert built == dict.fromkeys(PROJECTIONS, 3)
    assert everything(projections) == live
    head = app.store.recorder.max_notification_id()
    assert seen == sorted(seen) and seen[-1] == head
    assert [(s.version, s.position, s.building) for s in projections.status()] == [
        (3, head, None)
    ] * len(PROJECTIONS)


def test_a_stopped_build_of_all_resumes_and_settles_every_sheet(
    app: Kaohe, projections: Projections
) -> None:
    a_quarter(app)
    projections.catch_up()
    live = everything(projections)

    def stop(position: int, head: int) -> None:
        if position >= 80:  # after the last assessment event (79)
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        projections.rebuild_together(progress=stop, batch_size=10)
    assert all(s.building == 2 and s.building_position == 80 for s in projections.status())
    # Both sheets changed after they were opened only in memory: their rows lag, and no
    # later event touches them.
    assert projections.rebuild_together(batch_size=10) == dict.fromkeys(PROJECTIONS, 2)
    assert everything(projections) == live


def failing_batches(monkeypatch: pytest.MonkeyPatch, which: set[int]) -> None:
    """The scores batches numbered in `which` (from 1) fail, as a lost write would."""
    apply_in = ProjectionRunner.apply_in
    batches: list[int] = []

    def failing(runner: ProjectionRunner, *args: Any, **kwargs: Any) -> int | None:
        if runner.name == SCORES:
            batches.append(0)
            if len(batches) in which:
                raise RuntimeError("the batch fails")
        return apply_in(runner, *args, **kwargs)

    monkeypatch.setattr(ProjectionRunner, "apply_in", failing)


def test_a_batch_that_fails_once_while_building_is_applied_again_without_losing_sheets(
    app: Kaohe, projections: Projections, monkeypatch: pytest.MonkeyPatch
) -> None:
    a_quarter(app)
    projections.catch_up()
    live = everything(projections)
    failing_batches(monkeypatch, {5})
    projections.rebuild_together(batch_size=10)  # its events are applied one at a time
    assert everything(projections) == live


def test_a_build_stopped_by_failures_resumes_without_losing_sheets(
    app: Kaohe, projections: Projections, monkeypatch: pytest.MonkeyPatch
) -> None:
    a_quarter(app)
    projections.catch_up()
    live = everything(projections)
    with monkeypatch.context() as patched:
        failing_batches(patched, {5, 6})  # the batch, and its first event alone
        with pytest.raises(ProjectionFailedError, match="the batch fails"):
            projections.rebuild_together(batch_size=10)
    projections.rebuild_together(batch_size=10)
    assert everything(projections) == live


def test_sheets_leaving_a_small_cache_while_building_are_written_once_settled(
    app: Kaohe, projections: Projections, monkeypatch: pytest.MonkeyPatch
) -> None:
    a_quarter(app)
    projections.catch_up()
    live = everything(projections)
    monkeypatch.setattr(scores_sql, "CACHE_LIMIT", 1)
    projections.rebuild_together([SCORES], batch_size=1000)
    assert everything(projections) == live


def test_a_rebuild_of_units_reads_only_unit_events_and_reaches_the_head(
    app: Kaohe, projections: Projections, monkeypatch: pytest.MonkeyPatch
) -> None:
    a_quarter(app)
    projections.catch_up()
    live = views(projections)
    recorder = app.store.recorder
    select = recorder.select_notifications
    read: list[str] = []

    def recording(*args: Any, **kwargs: Any) -> Any:
        found = select(*args, **kwargs)
        read.extend(n.topic for n in found)
        return found

    monkeypatch.setattr(recorder, "select_notifications", recording)
    projections.rebuild(UNITS, batch_size=3)
    monkeypatch.undo()
    assert read and all(topic.startswith("domain.unit:") for topic in read)
    assert views(projections) == live
    status = {s.name: s for s in projections.status()}
    assert (status[UNITS].version, status[UNITS].lag) == (2, 0)


def test_the_rebuild_command_builds_all_from_one_reading(
    app: Kaohe, cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    a_quarter(app)
    monkeypatch.setenv("TTY_COMPATIBLE", "1")  # the progress bar shows at a terminal
    result = cli.invoke(main, ["projections", "rebuild"])
    assert result.exit_code == 0, result.output
    assert "rebuilding units, audit_trail, scores" in result.stderr
    for name in (UNITS, AUDIT_TRAIL, SCORES):
        assert f"{name}: version 2 now serves (was 1)" in result.output
