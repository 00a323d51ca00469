"""A town hands up its quarterly table; a county auditor's later change to one of its sheets
shows as a restatement of that handed-up table, with the change that caused it."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from application.commands.assessments import ScoreItem
from application.store import EventStore
from domain.entries import ItemEntry
from domain.ids import assessment_id, rubric_version_id, unit_id
from tests.integration.web.numbers_read import misformatted
from tests.integration.web.readable import visible_text
from tests.integration.web.test_page_text import signed_in
from tests.integration.web.world import RUBRIC, World, build_world
from web.app import projections_of

QUARTER = "2023Q2"
API = "/api/v1/hand-ups"


@pytest.fixture
def world(store: EventStore, tmp_path: Path) -> World:
    w = build_world(store, tmp_path / "evidence")
    w.assessment("V1", QUARTER, "approved")
    w.assessment("V2", QUARTER, "approved")
    projections_of(w.app).catch_up()
    return w


def hand_up(w: World, user: str = "reviewer", unit: str = "T1") -> Any:
    body = {"unit": unit, "table": "quarterly", "period": QUARTER}
    return w.client.post(API, json=body, headers=w.login(user))


def test_a_town_hands_up_its_quarterly_table_and_the_county_sees_it_as_handed_up(
    world: World,
) -> None:
    answer = hand_up(world)
    assert answer.status_code == 201, answer.get_json()
    record = answer.get_json()
    (handed,) = record["hand_ups"]
    (table,) = handed["tables"]
    assert [row[1] for row in table["rows"]] == ["V1 单位", "V2 单位"]
    assert [row[2] for row in table["rows"]] == ["100", "100"]
    assert len(handed["rows_hash"]) == 64 and handed["position"] > 0 and handed["tree_size"] > 0
    assert handed["on_time"] is False  # Fengdu v2 has 2023Q2 handed up by 30 June 2023

    projections_of(world.app).catch_up()
    listed = world.client.get(
        API, query_string={"unit": "C1", "period": QUARTER}, headers=world.login("auditor")
    )
    assert listed.status_code == 200, listed.get_json()
    assert [(r["unit"], r["table"]) for r in listed.get_json()] == [("T1", "quarterly")]


def test_a_later_change_by_the_county_shows_as_a_restatement_row_by_row(world: World) -> None:
    hid = hand_up(world).get_json()["id"]
    aid = assessment_id(unit_id("V1"), rubric_version_id(RUBRIC, 1), QUARTER)
    zero = ItemEntry(points=Decimal(0))
    world.send("auditor", ScoreItem(assessment_id=aid, number="1", entry=zero, reason="无台账"))
    projections_of(world.app).catch_up()

    answer = world.client.get(f"{API}/{hid}", headers=world.login("auditor"))
    assert answer.status_code == 200, answer.get_json()
    (row,) = answer.get_json()["restatement"]
    assert (row["key"], row["kind"]) == ("V1 单位", "changed")
    assert {"column": "得分", "old": "100", "new": row["cells"][0]["new"]} == row["cells"][0]
    assert Decimal(row["cells"][0]["new"]) < 100
    (cause,) = answer.get_json()["causes"]
    assert (cause["event"], cause["item"]) == ("Assessment.ItemScored", "1")
    assert cause["reason"] == "无台账"
    assert cause["assessment_id"] == str(aid) and cause["position"] > 0
    # What was handed up is kept as it was.
    assert answer.get_json()["hand_ups"][0]["tables"][0]["rows"][0][2] == "100"


def test_only_the_town_itself_hands_up_its_table(world: World) -> None:
    assert hand_up(world, "auditor", "T1").status_code == 403
    assert hand_up(world, "reviewer9", "T1").status_code == 403
    assert hand_up(world, "staff", "T1").status_code == 403


def test_a_table_the_unit_does_not_fill_is_refused_and_nothing_is_stored(world: World) -> None:
    answer = hand_up(world, "reviewer", "V1")
    assert answer.status_code in (403, 422), answer.get_json()
    listed = world.client.get(
        API, query_string={"unit": "T1", "period": QUARTER}, headers=world.login("reviewer")
    )
    assert listed.get_json() == []


def test_the_table_page_offers_the_hand_up_to_the_town_alone(world: World) -> None:
    path = "/tables/quarterly?unit=T1&period=2023Q2"
    for user, offered in (("reviewer", True), ("auditor", False)):
        page = signed_in(world, user).get(path).get_data(as_text=True)
        assert ("上报此表" in page) is offered, user


def test_a_hand_up_from_the_page_by_another_unit_is_refused_in_words(world: World) -> None:
    client = signed_in(world, "auditor")
    page = client.get("/tables/quarterly?unit=T1&period=2023Q2").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert token
    form = {"csrf_token": token.group(1), "unit": "T1", "period": QUARTER}
    answer = client.post("/tables/quarterly/hand-up", data=form)
    assert answer.status_code == 403
    assert "拒绝：上报统计表（单位 T1）" in visible_text(answer.get_data(as_text=True))
    assert hand_up(world).get_json()["version"] == 2  # nothing was stored by the refusal


def test_a_period_with_no_sheets_has_nothing_to_hand_up(world: World) -> None:
    body = {"unit": "T1", "table": "quarterly", "period": "2023Q3"}
    answer = world.client.post(API, json=body, headers=world.login("reviewer"))
    assert answer.status_code == 422, answer.get_json()
    assert "nothing to hand up" in str(answer.get_json())


def test_the_hand_up_page_writes_kept_numbers_as_the_live_table_does(world: World) -> None:
    hid = hand_up(world).get_json()["id"]
    aid = assessment_id(unit_id("V1"), rubric_version_id(RUBRIC, 1), QUARTER)
    half = ItemEntry(points=Decimal("0.50"))
    world.send("auditor", ScoreItem(assessment_id=aid, number="1", entry=half, reason="台账不全"))
    projections_of(world.app).catch_up()

    page = signed_in(world, "auditor").get(f"/tables/hand-ups/{hid}")
    assert page.status_code == 200
    text = visible_text(page.get_data(as_text=True))
    assert "上报时的内容" in text and "与上报时不同的行" in text
    assert misformatted(text) == [], text
