"""发起考核: the body a rubric's workflow names opens a period's sheets for every unit it
scores in its subtree in one change; nobody else may, and a second round opens nothing."""

from __future__ import annotations

from typing import Any

from application.commands.accounts import CreateAccount, GrantRole
from domain.account import Role
from tests.integration.web.world import PASSWORD, World
from web.app import projections_of

CHANGZHI = {"rubric": "changzhi-county-centre", "version": 2, "period": "2024", "under": "CITY"}


def inspection_group(world: World) -> dict[str, str]:
    """The city bureau's inspection group: it reviews (scores) county centres, so it opens
    their Changzhi sheets."""
    world.kaohe.setup(CreateAccount(username="inspector", display_name="检查组", password=PASSWORD))
    world.kaohe.setup(GrantRole(username="inspector", role=Role.TOWN_REVIEWER, unit="CITY"))
    return world.login("inspector")


def post(world: World, headers: dict[str, str], body: dict[str, Any]) -> Any:
    return world.client.post("/api/v1/assessments/rounds", json=body, headers=headers)


def test_the_inspection_group_opens_every_county_centres_sheet_once(world: World) -> None:
    group = inspection_group(world)
    opened = post(world, group, CHANGZHI)
    assert opened.status_code == 201, opened.get_json()
    assert opened.get_json()["opened"] == ["C1"]
    projections_of(world.app).catch_up()  # what the projection workers do in production
    listed = world.client.get(
        "/api/v1/assessments?period=2024&rubric=changzhi-county-centre", headers=group
    ).get_json()
    assert [(row["unit"], row["status"]) for row in listed] == [("C1", "draft")]
    again = post(world, group, CHANGZHI)
    assert again.status_code == 409
    assert "nothing to open" in again.get_json()["detail"]


def test_a_round_is_refused_to_those_the_workflow_does_not_name(world: World) -> None:
    for username in ("regulator", "auditor", "staff"):
        refused = post(world, world.login(username), CHANGZHI)
        assert refused.status_code == 403, (username, refused.get_json())
    fengdu = {"rubric": "fengdu-village-station", "version": 1, "period": "2024Q1", "under": "T1"}
    refused = post(world, world.login("reviewer"), fengdu)  # villages open their own
    assert refused.status_code == 403
    assert "self layer" in refused.get_json()["detail"]
    listed = world.client.get("/api/v1/assessments?period=2024", headers=world.login("admin"))
    assert listed.get_json() == []


def test_bad_rounds_are_refused_saying_what_is_wrong(world: World) -> None:
    group = inspection_group(world)
    missing = post(world, group, {**CHANGZHI, "version": 9})
    assert missing.status_code == 404
    bad = post(world, group, {**CHANGZHI, "period": "2024Q5"})
    assert bad.status_code == 422
    assert "period" in str(bad.get_json())
