"""Without a units view to vouch for the tree, the authorizer reads each unit's dated
parents from its aggregate: a sheet is still judged by its period's hierarchy."""

from __future__ import annotations

from datetime import date

import pytest

from application.authorization import Caller
from application.commands.accounts import CreateAccount, GrantRole
from application.commands.assessments import OpenAssessment, ReturnAssessment, SaveSheet, Submit
from application.commands.units import MoveUnit
from application.errors import PermissionDeniedError
from application.service import Kaohe
from domain.account import Role
from domain.ids import account_id
from tests.unit.application.conftest import admin, full_sheet
from tests.unit.application.sending import send
from tests.unit.projections.activity import RUBRIC, staffed_hierarchy


def test_a_move_after_the_period_leaves_the_sheet_with_the_town_it_was_under(kaohe: Kaohe) -> None:
    app = kaohe
    staffed_hierarchy(app)
    for name, role, unit in (
        ("staff", Role.STATION_STAFF, "V1"),
        ("old-town", Role.TOWN_REVIEWER, "T1"),
        ("new-town", Role.TOWN_REVIEWER, "T2"),
    ):
        send(app, admin(), CreateAccount(username=name, display_name=name, password="p" * 12))
        send(app, admin(), GrantRole(username=name, role=role, unit=unit))
    staff = Caller(account_id("staff"), "test")
    opened = OpenAssessment(unit="V1", rubric=RUBRIC, version=1, period="2023Q2")
    sheet = app.bus.handle(opened, staff).id
    app.bus.handle(SaveSheet(assessment_id=sheet, entries=full_sheet(app, sheet)), staff)
    app.bus.handle(Submit(assessment_id=sheet), staff)
    move = MoveUnit(code="V1", parent="T2", effective_from=date(2023, 10, 1), reason="区划调整")
    send(app, admin(), move)
    returning = ReturnAssessment(assessment_id=sheet, reason="补材料")
    with pytest.raises(PermissionDeniedError, match="outside the units"):
        app.bus.handle(returning, Caller(account_id("new-town"), "test"))
    app.bus.handle(returning, Caller(account_id("old-town"), "test"))
