"""Projections kept current in the background; a caller can wait to read its own writes."""

from __future__ import annotations

import threading

import pytest

from application.commands.units import RegisterUnit, RenameUnit
from application.service import Kaohe
from application.store import EventStore
from domain.rubric import UnitLevel
from infra.bootstrap import build, build_kaohe
from infra.projections.poller import Poller
from infra.projections.registry import PROJECTIONS, Projections
from infra.settings import Settings
from projections.audit_trail import AUDIT_TRAIL, AuditQuery
from projections.units import UNITS
from tests.unit.projections.activity import hierarchy
from web.app import create_app, projections_of


def projection_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "kaohe-projections"]


def test_a_caller_waits_until_its_command_is_applied(app: Kaohe, projections: Projections) -> None:
    projections.start(interval=0.05)  # the fixture stops it
    hierarchy(app)
    outcome = app.setup(RenameUnit(code="V1", unit_name="东街新社区"))

    assert projections.wait_for(outcome.position, timeout=10)
    newest = projections.audit_trail(AuditQuery(limit=1)).rows[0]
    assert (newest.position, newest.new) == (outcome.position, "东街新社区")
    unit = projections.units().unit_by_code("V1")
    assert unit is not None and unit.name == "东街新社区"

    projections.stop()
    assert projection_threads() == []


def test_waiting_gives_up_after_the_timeout(app: Kaohe, projections: Projections) -> None:
    outcome = app.setup(
        RegisterUnit(code="CITY", unit_name="长治市", level=UnitLevel.CITY, parent=None)
    )
    assert not projections.wait_for(outcome.position, timeout=0.05)
    assert projections.catch_up() == len(PROJECTIONS)  # one event, read by each projection
    assert projections.wait_for(outcome.position, timeout=0)
    assert projections.wait_for(0, timeout=0)


def test_a_failing_projection_is_retried_later_while_the_others_go_on(
    app: Kaohe, projections: Projections, monkeypatch: pytest.MonkeyPatch
) -> None:
    hierarchy(app)
    units, trail = projections.runners([UNITS, AUDIT_TRAIL])
    calls: list[int] = []

    def failing_step() -> int:
        calls.append(1)
        raise RuntimeError("the view is broken")

    monkeypatch.setattr(trail, "step", failing_step)
    poller = Poller([units, trail], exclusive=False)
    assert poller.cycle() == 7
    assert poller.cycle() == 0
    assert calls == [1]  # not again before its pause is over
    assert [s.position for s in projections.status()][:2] == [7, 0]


def test_the_web_app_polls_on_sqlite_only_when_asked_and_stops(
    store: EventStore, settings: Settings
) -> None:
    create_app(settings, build(settings, build_kaohe(settings, store)))
    assert projection_threads() == []
    services = build(settings, build_kaohe(settings, store))
    app = create_app(settings, services, poll_projections=True)
    try:
        assert len(projection_threads()) == (1 if settings.postgres is None else 0)
    finally:
        projections_of(app).stop()
    assert projection_threads() == []
