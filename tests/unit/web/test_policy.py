"""The policy table's promises, read straight from it."""

from __future__ import annotations

from application.authorization import LAYER_OF, POLICY, READING, Action, allows
from domain.account import Role
from domain.workflow import Layer


def test_a_regulator_reads_everything_and_changes_nothing() -> None:
    assert POLICY[Role.CITY_REGULATOR] >= READING
    changes = POLICY[Role.CITY_REGULATOR] - READING
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
