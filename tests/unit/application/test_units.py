"""Units through the application: duplicates refused, any aggregate readable as of a moment."""

from __future__ import annotations

from datetime import date

import pytest

from application.errors import ConflictError
from domain.rubric import UnitLevel
from domain.unit import Unit
from tests.unit.application.conftest import World, admin


def test_a_unit_code_is_registered_once(world: World) -> None:
    with pytest.raises(ConflictError, match="unit V1 already exists"):
        world.app.units.register(admin(), "V1", "重复", UnitLevel.VILLAGE, "T1")


def test_any_aggregate_reads_as_it_stood_at_a_moment(world: World) -> None:
    app = world.app
    app.units.rename(admin(), "V1", "东街社区服务站")
    moment = app.runner.clock.now()
    app.units.rename(admin(), "V1", "东街新社区")
    then = app.aggregate_at(app.units.get("V1").id, as_of=moment)
    assert isinstance(then, Unit) and then.name == "东街社区服务站"
    assert app.units.get("V1").name == "东街新社区"


def test_a_moved_village_keeps_its_old_town_for_earlier_periods(world: World) -> None:
    app = world.app
    app.units.register(admin(), "T2", "西街街道", UnitLevel.TOWN, "C1")
    app.units.move(admin(), "V1", "T2", date(2023, 7, 1), "区划调整")
    village = app.units.get("V1")
    assert village.parent_on(date(2023, 6, 30)) == app.units.get("T1").id
    assert village.parent_on(date(2023, 7, 1)) == app.units.get("T2").id
