"""The inspection group over the API: the leader (who opened a Changzhi v3 sheet) extends its
closed window and assigns sections; the sheet answers who opened it, who has which section and
who scored what; others are refused, and the leader cannot approve what he scored alone."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID

from application.commands.accounts import CreateAccount, GrantRole
from application.commands.assessments import OpenAssessment, SaveSheet, ScoreItem, Submit
from domain.account import Role
from domain.china_time import china_day
from domain.entries import ItemEntry
from domain.ids import account_id
from domain.rules import Kind
from tests.integration.web.world import PASSWORD, World


def group_sheet(world: World) -> UUID:
    """The city's group (leader, member), the county centre's staff, and a 2024 Changzhi v3
    sheet of C1 opened by the leader; 2024's inspection week is long past."""
    for name, role, unit in (
        ("leader", Role.TOWN_REVIEWER, "CITY"),
        ("member", Role.TOWN_REVIEWER, "CITY"),
        ("centre", Role.STATION_STAFF, "C1"),
    ):
        world.kaohe.setup(CreateAccount(username=name, display_name=f"{name}名", password=PASSWORD))
        world.kaohe.setup(GrantRole(username=name, role=role, unit=unit))
    opening = OpenAssessment(unit="C1", rubric="changzhi-county-centre", version=3, period="2024")
    return world.send("leader", opening).id


def post(world: World, who: str, aid: UUID, step: str, body: dict[str, Any]) -> Any:
    headers = world.login(who) | {"If-Match": f'"{world.version(aid)}"'}
    return world.client.post(f"/api/v1/assessments/{aid}/{step}", json=body, headers=headers)


def test_the_opening_body_alone_extends_the_window_and_the_lock_follows(world: World) -> None:
    aid = group_sheet(world)
    until = (china_day(world.clock.now()) + timedelta(days=5)).isoformat()
    body = {"until": until, "reason": "县中心材料需补充"}
    assert post(world, "centre", aid, "extend", body).status_code == 403
    early = post(world, "leader", aid, "extend", {**body, "until": "2024-09-14"})
    assert early.status_code == 422 and "2024-09-15" in str(early.get_json())
    extended = post(world, "leader", aid, "extend", body)
    assert extended.status_code == 200, extended.get_json()
    assert extended.get_json()["deadlines"]["extended_to"] == until
    world.send("centre", ScoreItem(assessment_id=aid, number="1", entry=ItemEntry(points=None)))
    trail = world.client.get(f"/api/v1/assessments/{aid}", headers=world.login("leader"))
    assert trail.get_json()["opened_by"] == str(account_id("leader"))


def test_the_leader_assigns_sections_and_approves_only_what_others_scored(world: World) -> None:
    aid = group_sheet(world)
    until = china_day(world.clock.now()) + timedelta(days=5)
    post(world, "leader", aid, "extend", {"until": until.isoformat(), "reason": "补充材料"})
    rubric = world.kaohe.assessments.rubric_of(world.kaohe.assessments.get(aid))
    entries = {
        i.number: ItemEntry(points=i.max_points)
        for i in rubric.items()
        if i.kind in (Kind.STANDARD, Kind.SPECIAL) and i.max_points is not None
    }
    world.send("centre", SaveSheet(assessment_id=aid, entries=entries))
    world.send("centre", Submit(assessment_id=aid))

    assign = {"inspector": "member", "sections": ["一"]}
    assert post(world, "member", aid, "sections", assign).status_code == 422  # not the leader
    assert post(world, "centre", aid, "sections", assign).status_code == 403
    stranger = post(world, "leader", aid, "sections", {**assign, "inspector": "centre"})
    assert stranger.status_code == 422 and "inspector" in str(stranger.get_json())
    given = post(world, "leader", aid, "sections", assign)
    assert given.status_code == 200, given.get_json()
    assert given.get_json()["assigned"] == {
        "一": {"inspector": str(account_id("member")), "name": "member名"}
    }
    post(world, "leader", aid, "sections", {"inspector": "leader", "sections": ["二"]})

    world.send(
        "leader",
        ScoreItem(assessment_id=aid, number="14", entry=ItemEntry(points=Decimal(1)), reason="查"),
    )
    alone = post(world, "leader", aid, "approve", {})
    assert alone.status_code == 422 and "alone" in str(alone.get_json())
    world.send(
        "member",
        ScoreItem(assessment_id=aid, number="1", entry=ItemEntry(points=Decimal(1)), reason="查"),
    )
    approved = post(world, "leader", aid, "approve", {})
    assert approved.status_code == 200 and approved.get_json()["status"] == "approved"
    assert approved.get_json()["scored_by"]["review"] == {
        "14": str(account_id("leader")),
        "1": str(account_id("member")),
    }


def test_the_leader_extends_the_round_under_the_city_and_the_centre_cannot(world: World) -> None:
    aid = group_sheet(world)
    until = (china_day(world.clock.now()) + timedelta(days=5)).isoformat()
    body = {
        "rubric": "changzhi-county-centre",
        "version": 3,
        "period": "2024",
        "under": "CITY",
        "until": until,
        "reason": "全市检查顺延",
    }
    url = "/api/v1/assessments/rounds/extend"
    refused = world.client.post(url, json={**body, "under": "C1"}, headers=world.login("centre"))
    assert refused.status_code == 403, refused.get_json()
    extended = world.client.post(url, json=body, headers=world.login("leader"))
    assert extended.status_code == 200, extended.get_json()
    assert extended.get_json()["extended"] == ["C1"]
    sheet = world.client.get(f"/api/v1/assessments/{aid}", headers=world.login("leader"))
    assert sheet.get_json()["deadlines"]["extended_to"] == until
