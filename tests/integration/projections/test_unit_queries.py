"""The unit queries: the tree in reach, one unit with its history, a subtree's contacts."""

from __future__ import annotations

import pytest

from application.commands.units import RegisterUnit, RenameUnit, SetUnitContact
from application.errors import PermissionDeniedError
from application.queries.units import UnitNode
from application.service import Kaohe
from domain.account import Role
from domain.rubric import UnitLevel
from infra.projections.registry import Projections
from tests.integration.read_queries import account, read_queries
from tests.unit.application.conftest import admin
from tests.unit.application.sending import send
from tests.unit.projections.activity import staffed_hierarchy


def codes(node: UnitNode) -> list[object]:
    return [node.unit.code, [codes(c) for c in node.children]]


def test_a_town_reviewer_sees_its_town_and_a_village_registered_a_moment_ago(
    app: Kaohe, projections: Projections
) -> None:
    staffed_hierarchy(app)
    units = read_queries(app, projections).units
    reviewer = account(app, "reviewer.t1", Role.TOWN_REVIEWER, "T1")
    send(
        app,
        admin(),
        RegisterUnit(code="V9", unit_name="新社区", level=UnitLevel.VILLAGE, parent="T1"),
    )
    assert [codes(n) for n in units.tree(reviewer)] == [
        ["T1", [["V1", []], ["V2", []], ["V9", []]]]
    ]
    send(app, admin(), SetUnitContact(code="V2", contact="王五", phone="13800000000"))
    contacts = units.contacts(reviewer, "T1")
    assert contacts[0].code == "T1"
    assert sorted(r.code for r in contacts) == ["T1", "V1", "V2", "V9"]
    assert [(r.contact, r.phone) for r in contacts if r.code == "V2"] == [("王五", "13800000000")]


def test_a_unit_reads_with_its_history_and_parent_only_in_reach(
    app: Kaohe, projections: Projections
) -> None:
    staffed_hierarchy(app)
    send(app, admin(), RenameUnit(code="V3", unit_name="南街"))
    units = read_queries(app, projections).units
    county = account(app, "auditor.c1", Role.COUNTY_AUDITOR, "C1")
    unit, history = units.with_history(county, "V3")
    assert (unit.name, units.parent_code(unit)) == ("南街", "T2")
    assert [c.version for c in history] == [1, 2]
    outsider = account(app, "staff.v1", Role.STATION_STAFF, "V1")
    with pytest.raises(PermissionDeniedError):
        units.unit(outsider, "V3")
    with pytest.raises(PermissionDeniedError):
        units.contacts(outsider, "T1")
