"""Units through the application: duplicates refused, any aggregate readable as of a moment."""

from __future__ import annotations

from datetime import date

import pytest

from application.commands.units import MoveUnit, RegisterUnit, RenameUnit
from application.errors import ConflictError
from domain.rubric import UnitLevel
from domain.unit import Unit
from tests.unit.application.conftest import World


def test_a_unit_code_is_registered_once(world: World) -> None:
    with pytest.raises(ConflictError, match="unit V1 already exists"):
        world.app.setup(
            RegisterUnit(code="V1", unit_name="重复", level=UnitLevel.VILLAGE, parent="T1")
        )


def test_any_aggregate_reads_as_it_stood_at_a_moment(world: World) -> None:
    app = world.app
    app.setup(RenameUnit(code="V1", unit_name="东街社区服务站"))
    moment = app.runner.clock.now()
    app.setup(RenameUnit(code="V1", unit_name="东街新社区"))
    then = app.aggregate_at(app.units.get("V1").id, as_of=moment)
    assert isinstance(then, Unit) and then.name == "东街社区服务站"
    assert app.units.get("V1").name == "东街新社区"


def test_a_moved_village_keeps_its_old_town_for_earlier_periods(world: World) -> None:
    app = world.app
    app.setup(RegisterUnit(code="T2", unit_name="西街街道", level=UnitLevel.TOWN, parent="C1"))
    app.setup(MoveUnit(code="V1", parent="T2", effective_from=date(2023, 7, 1), reason="区划调整"))
    village = app.units.get("V1")
    assert village.parent_on(date(2023, 6, 30)) == app.units.get("T1").id
    assert village.parent_on(date(2023, 7, 1)) == app.units.get("T2").id
