"""A sheet belongs where its unit stood on its period's last day: the town that reviewed a
village's 2023Q2 sheet keeps it after the village moves, as its 2023Q2 table lists it."""

from __future__ import annotations

from datetime import date
from uuid import UUID

import pytest

from application.authorization import Action, Caller
from application.commands.accounts import CreateAccount, GrantRole
from application.commands.assessments import OpenAssessment, ReturnAssessment, SaveSheet, Submit
from application.commands.units import MoveUnit
from application.errors import PermissionDeniedError
from application.service import Kaohe
from domain.account import Role
from domain.ids import account_id
from domain.workflow import Status
from infra.bootstrap import build_authorizer, build_bus
from infra.projections.registry import Projections
from tests.integration.read_queries import read_queries
from tests.unit.application.conftest import admin, full_sheet
from tests.unit.application.sending import send
from tests.unit.projections.activity import RUBRIC, staffed_hierarchy

PASSWORD = "password-12345"


def caller(username: str) -> Caller:
    return Caller(account_id(username), "test")


def moved_village(app: Kaohe, projections: Projections) -> tuple[UUID, UUID]:
    """V1 hands up its 2023Q2 sheet under T1, moves to T2 from 2023-10-01, then opens 2023Q4."""
    staffed_hierarchy(app)
    for name, role, unit in (
        ("staff", Role.STATION_STAFF, "V1"),
        ("old-town", Role.TOWN_REVIEWER, "T1"),
        ("new-town", Role.TOWN_REVIEWER, "T2"),
    ):
        send(app, admin(), CreateAccount(username=name, display_name=name, password=PASSWORD))
        send(app, admin(), GrantRole(username=name, role=role, unit=unit))
    bus = build_bus(app, build_authorizer(app, projections))
    staff = caller("staff")
    spring = bus.handle(OpenAssessment(unit="V1", rubric=RUBRIC, version=1, period="2023Q2"), staff)
    bus.handle(SaveSheet(assessment_id=spring.id, entries=full_sheet(app, spring.id)), staff)
    bus.handle(Submit(assessment_id=spring.id), staff)
    move = MoveUnit(code="V1", parent="T2", effective_from=date(2023, 10, 1), reason="区划调整")
    send(app, admin(), move)
    winter = bus.handle(OpenAssessment(unit="V1", rubric=RUBRIC, version=1, period="2023Q4"), staff)
    projections.catch_up()
    return spring.id, winter.id


def test_the_old_town_keeps_acting_on_the_sheet_of_a_period_before_the_move(
    app: Kaohe, projections: Projections
) -> None:
    spring, winter = moved_village(app, projections)
    queries = read_queries(app, projections)
    bus = build_bus(app, build_authorizer(app, projections))
    assert queries.assessments.sheet(caller("old-town"), spring).status == Status.SUBMITTED
    with pytest.raises(PermissionDeniedError):
        queries.assessments.sheet(caller("new-town"), spring)
    with pytest.raises(PermissionDeniedError):
        bus.handle(ReturnAssessment(assessment_id=spring, reason="补材料"), caller("new-town"))
    bus.handle(ReturnAssessment(assessment_id=spring, reason="补材料"), caller("old-town"))
    assert queries.assessments.sheet(caller("old-town"), spring).status == Status.RETURNED
    assert queries.assessments.sheet(caller("new-town"), winter).period == "2023Q4"
    with pytest.raises(PermissionDeniedError):
        queries.assessments.sheet(caller("old-town"), winter)


def test_each_town_lists_the_sheets_of_the_periods_the_village_was_its_own(
    app: Kaohe, projections: Projections
) -> None:
    spring, winter = moved_village(app, projections)
    queries = read_queries(app, projections)

    def listed(name: str, period: str | None = None) -> set[UUID]:
        roots = queries.access.reach(caller(name), Action.READ_ASSESSMENTS, "test")
        return {row.assessment_id for row in queries.sheets.under(roots, period=period)}

    assert listed("old-town") == {spring}
    assert listed("new-town") == {winter}
    assert listed("old-town", "2023Q2") == {spring}
    assert listed("new-town", "2023Q2") == set()
    assert listed("new-town", "2023Q4") == {winter}
    assert listed("staff") == {spring, winter}
