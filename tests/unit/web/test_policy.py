"""The policy table's promises, read straight from it."""

from __future__ import annotations

from application.authorization import LAYER_OF, POLICY, READING, Action, allows
from application.work_kinds import WORK_OF, Work, role_name
from domain.account import Role
from domain.workflow import Layer


def test_a_regulator_reads_everything_and_changes_nothing() -> None:
    assert WORK_OF[Role.CITY_REGULATOR] is Work.OVERSEE
    assert POLICY[Work.OVERSEE] >= READING
    changes = POLICY[Work.OVERSEE] - READING
    assert changes == {Action.READ_ACCOUNTS, Action.VERIFY_LEDGER}


def test_each_workflow_step_belongs_to_its_level() -> None:
    assert {r for r in Role if allows(r, Action.SUBMIT)} == {Role.STATION_STAFF}
    assert {r for r in Role if allows(r, Action.APPROVE)} == {Role.TOWN_REVIEWER}
    assert {r for r in Role if allows(r, Action.RETURN)} == {Role.TOWN_REVIEWER}
    assert {r for r in Role if allows(r, Action.FINALIZE)} == {Role.COUNTY_AUDITOR}
    assert {r for r in Role if allows(r, Action.PUBLISH_RUBRICS)} == {Role.ADMINISTRATOR}


def test_every_scoring_role_writes_its_own_layer() -> None:
    scoring = {r for r in Role if allows(r, Action.SCORE)}
    assert scoring == set(LAYER_OF)
    assert [LAYER_OF[r] for r in sorted(scoring, key=list(Role).index)] == list(Layer)


def test_every_stored_role_name_reads_as_one_kind_of_work_named_in_chinese() -> None:
    assert set(WORK_OF) == set(Role)
    assert [role_name(r) for r in Role] == ["填报", "审核", "复核", "监管", "系统管理"]


def test_the_bodies_that_score_may_open_sheets_where_the_rubric_says() -> None:
    opening = {r for r in Role if allows(r, Action.OPEN)}
    assert opening == {Role.STATION_STAFF, Role.TOWN_REVIEWER, Role.COUNTY_AUDITOR}
