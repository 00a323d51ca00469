"""A projection worker outlives its database: while it is gone each attempt is logged and
retried later; when it is back the worker takes its locks again and catches up."""

from __future__ import annotations

import time

import pytest
from eventsourcing.persistence import OperationalError

from application.commands.units import RenameUnit
from application.service import Kaohe
from application.store import EventStore
from infra.projections.registry import PROJECTIONS, Projections
from tests.integration.outage import bring_database_back, take_database_away
from tests.unit.projections.activity import hierarchy


def caught_up(projections: Projections, head: int) -> bool:
    """Whether every projection stands at the head; False while the pool is still reconnecting
    (it backs off after the outage, so the first reads may wait in vain)."""
    try:
        return all(s.position == head for s in projections.status())
    except OperationalError:
        return False


@pytest.mark.postgres
@pytest.mark.parametrize("store_env", ["postgres"], indirect=True)
def test_the_worker_waits_out_a_dead_database_and_catches_up(
    app: Kaohe, store: EventStore, projections: Projections, capfd: pytest.CaptureFixture[str]
) -> None:
    hierarchy(app)
    poller = projections.poller()
    while poller.cycle():
        pass
    port = take_database_away(store)
    capfd.readouterr()
    assert poller.cycle() == 0  # no exception: the worker stays up
    logged = "".join(capfd.readouterr()).splitlines()
    down = [line for line in logged if "projection.store_unreachable" in line]
    assert len(down) == len(PROJECTIONS) and all("retry_in" in line for line in down)
    assert {p for p in projections.names if any(p in line for line in down)} == set(
        projections.names
    )

    bring_database_back(store, port)
    app.setup(RenameUnit(code="V1", unit_name="恢复之后"), "after")
    head = store.recorder.max_notification_id()
    deadline = time.monotonic() + 60  # a bound on the wait, not a measured time
    while not caught_up(projections, head):
        assert time.monotonic() < deadline, projections.status()
        poller.cycle()
        time.sleep(0.2)
    assert projections.units().unit_by_code("V1").name == "恢复之后"
    assert all(poller.holds(name) for name in projections.names)
    poller.release()
