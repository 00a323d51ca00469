"""A projection that cannot apply an event stops just before it, is retried without ever
skipping it, and says so: in `projections status`, in its logs, until it gets past."""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner

from application.commands.units import RenameUnit, SetUnitContact
from application.service import Kaohe
from application.store import EventStore
from infra.errors import ProjectionFailedError
from infra.projections.poller import Poller
from infra.projections.rebuild import rebuild
from infra.projections.registry import Projections
from infra.projections.runner import ProjectionRunner
from infra.projections.units_sql import SqlUnitsView
from infra.projections.view import Projection
from projections.units import UNITS, Units
from tests.unit.projections.activity import hierarchy
from web.cli import main


class RefusingUnits(Units):
    """The units processor, unable to apply one contact: stands for any event some code
    cannot handle (the fix being new code that can)."""

    def process(self, event: Any, position: int, view: Any) -> None:
        if getattr(event, "contact", None) == "无法处理":
            raise ValueError("this contact cannot be applied")
        super().process(event, position, view)


def refusing_runner(store: EventStore, projections: Projections) -> ProjectionRunner:
    projections.ensure()
    projection = Projection(RefusingUnits(), SqlUnitsView(projections.db))
    return ProjectionRunner(store, projections.db, projection, projections.catalog, batch_size=50)


def units_status(projections: Projections) -> Any:
    return next(s for s in projections.status() if s.name == UNITS)


def test_a_failing_projection_stops_at_the_event_and_reports_it(
    app: Kaohe,
    store: EventStore,
    projections: Projections,
    cli: CliRunner,
    capfd: pytest.CaptureFixture[str],
) -> None:
    hierarchy(app)
    app.setup(SetUnitContact(code="V1", contact="无法处理", phone="1"), "t")
    app.setup(RenameUnit(code="V2", unit_name="后来"), "t")
    head = store.recorder.max_notification_id()
    assert head is not None
    runner = refusing_runner(store, projections)

    capfd.readouterr()
    Poller([runner], exclusive=False).cycle()
    logged = "".join(capfd.readouterr()).splitlines()
    status = units_status(projections)
    assert (status.state, status.position, status.lag) == ("failed", head - 2, 2)
    failure = status.failure
    assert failure is not None
    assert failure.position == head - 1
    assert failure.aggregate_id == str(app.units.get("V1").id)
    assert (failure.aggregate_version, failure.topic) == (2, "domain.unit:Unit.ContactSet")
    assert "this contact cannot be applied" in failure.error
    failed = [line for line in logged if "projection.failed" in line]
    assert len(failed) == 1 and "error" in failed[0] and str(head - 1) in failed[0]
    assert "domain.unit:Unit.ContactSet" in failed[0]

    with pytest.raises(Exception, match="stopped at position"):
        runner.step()
    status = units_status(projections)
    assert (status.position, status.failure and status.failure.attempts) == (head - 2, 2)

    shown = json.loads(cli.invoke(main, ["projections", "status", "--format", "json"]).stdout)
    units = next(s for s in shown if s["name"] == UNITS)
    assert (units["state"], units["stale"], units["failure"]["position"]) == (
        "failed",
        True,
        head - 1,
    )
    text = cli.invoke(main, ["projections", "status"]).output
    assert f"FAILED at position {head - 1}" in text and "Unit.ContactSet" in text

    projections.catch_up([UNITS])  # the code that can apply it
    status = units_status(projections)
    assert (status.state, status.position, status.failure) == ("current", head, None)
    assert projections.units().unit_by_code("V1").contact == "无法处理"


def test_a_rebuild_stops_at_the_event_it_cannot_apply_and_the_old_version_serves_on(
    app: Kaohe, store: EventStore, projections: Projections
) -> None:
    hierarchy(app)
    app.setup(SetUnitContact(code="V1", contact="无法处理", phone="1"), "t")
    app.setup(RenameUnit(code="V2", unit_name="后来"), "t")
    head = store.recorder.max_notification_id()
    assert head is not None
    projections.catch_up()
    refusing = Projection(RefusingUnits(), SqlUnitsView(projections.db))

    with pytest.raises(ProjectionFailedError) as raised:
        rebuild(store, projections.db, refusing, batch_size=4)
    assert raised.value.failure.position == head - 1
    assert raised.value.failure.topic == "domain.unit:Unit.ContactSet"
    status = units_status(projections)
    assert (status.version, status.state, status.building, status.building_position) == (
        1,
        "current",
        2,
        head - 2,
    )

    assert projections.rebuild(UNITS) == 2  # the code that can apply it resumes the build
    assert projections.units().unit_by_code("V2").name == "后来"
