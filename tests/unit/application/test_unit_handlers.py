"""The unit commands through the bus: what each stores, and what is refused unchanged."""

from __future__ import annotations

from datetime import date

import pytest

from application.commands.accounts import CreateAccount, GrantRole
from application.commands.units import (
    CloseUnit,
    MoveUnit,
    RegisterUnit,
    RenameUnit,
    SetUnitContact,
)
from application.errors import ConflictError, PermissionDeniedError
from application.service import Kaohe
from domain.account import Role
from domain.errors import DomainError
from domain.rubric import UnitLevel
from domain.unit import Unit
from tests.unit.application.memory_world import as_system, by

TOWN2 = RegisterUnit(code="T2", unit_name="西街街道", level=UnitLevel.TOWN, parent="C1")


def unit(app: Kaohe, code: str) -> Unit:
    return app.units.get(code)


def admin_over(app: Kaohe, username: str, code: str) -> None:
    as_system(app, CreateAccount(username=username, display_name=username, password="x" * 12))
    as_system(app, GrantRole(username=username, role=Role.ADMINISTRATOR, unit=code))


def test_a_registered_unit_hangs_under_its_parent_and_is_answered_as_saved(app: Kaohe) -> None:
    outcome = as_system(app, TOWN2)
    assert isinstance(outcome.aggregate, Unit) and outcome.aggregate.name == "西街街道"
    assert unit(app, "T2").parent_id == unit(app, "C1").id
    assert unit(app, "T2").version == outcome.version == 1


def test_a_code_is_registered_once_and_a_repeated_key_answers_the_first(app: Kaohe) -> None:
    first = as_system(app, TOWN2, key="t2")
    assert as_system(app, TOWN2, key="t2").id == first.id
    with pytest.raises(ConflictError, match="unit T2 already exists"):
        as_system(app, TOWN2)
    assert unit(app, "T2").version == 1


def test_rename_contact_and_close_change_the_unit(app: Kaohe) -> None:
    as_system(app, RenameUnit(code="V1", unit_name="东街新社区"))
    as_system(app, SetUnitContact(code="V1", contact="王五", phone="13800000000"))
    closed = as_system(app, CloseUnit(code="V1", reason="撤并"))
    v1 = unit(app, "V1")
    assert (v1.name, v1.contact, v1.phone, v1.closed) == ("东街新社区", "王五", "13800000000", True)
    assert closed.version == v1.version == 4
    with pytest.raises(DomainError):
        as_system(app, RenameUnit(code="V1", unit_name="又改名"))
    assert unit(app, "V1").name == "东街新社区"


def test_a_moved_village_keeps_its_old_town_for_earlier_periods(app: Kaohe) -> None:
    as_system(app, TOWN2)
    move = MoveUnit(code="V1", parent="T2", effective_from=date(2023, 7, 1), reason="区划调整")
    as_system(app, move)
    village = unit(app, "V1")
    assert village.parent_on(date(2023, 6, 30)) == unit(app, "T1").id
    assert village.parent_on(date(2023, 7, 1)) == unit(app, "T2").id


def test_moving_needs_the_right_over_the_new_parent_too(app: Kaohe) -> None:
    as_system(app, TOWN2)
    admin_over(app, "town.admin", "T1")
    admin_over(app, "county.admin", "C1")
    move = MoveUnit(code="V1", parent="T2", effective_from=date(2023, 7, 1), reason="区划调整")
    with pytest.raises(PermissionDeniedError, match="unit:T2 is outside"):
        by(app, "town.admin", move)
    assert unit(app, "V1").parent_id == unit(app, "T1").id
    by(app, "county.admin", move)
    assert unit(app, "V1").parent_on(date(2023, 8, 1)) == unit(app, "T2").id


def test_a_stale_version_is_refused_before_anything_is_checked(app: Kaohe) -> None:
    with pytest.raises(ConflictError, match="based on version 7, but it is at version 1"):
        as_system(app, RenameUnit(code="V1", unit_name="东街新社区"), expected=7)
    assert unit(app, "V1").name == "V1单位"
