"""Deadlines through the pages and the API (Fengdu v2, 2023Q1: stations hand up by 31 March,
the window closes with the towns' hand-up on 30 April): a late sheet says so on its page and
in the town's review queue; a change after the close is refused, naming the window."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID

from application.commands.assessments import OpenAssessment, SaveSheet, Submit
from tests.integration.web.test_page_text import signed_in
from tests.integration.web.world import RUBRIC, World
from web.app import projections_of

APRIL_10 = datetime(2023, 4, 10, 2, 0, tzinfo=UTC)
MAY_2 = datetime(2023, 5, 2, 2, 0, tzinfo=UTC)


def q1_sheet(world: World, staff: str, village: str, submit: bool) -> UUID:
    world.clock.current = APRIL_10
    opened = OpenAssessment(unit=village, rubric=RUBRIC, version=2, period="2023Q1")
    aid = world.send(staff, opened).id
    world.send(staff, SaveSheet(assessment_id=aid, entries=world.full_sheet(aid)))
    if submit:
        world.send(staff, Submit(assessment_id=aid))
    return aid


def test_a_sheet_handed_up_after_its_deadline_shows_as_late_on_its_page_and_in_the_queue(
    world: World,
) -> None:
    aid = q1_sheet(world, "staff", "V1", submit=True)
    page = signed_in(world, "staff").get(f"/assessments/{aid}").get_data(as_text=True)
    assert "自评提交截止" in page and "2023年3月31日" in page
    assert '<span class="timeliness status late">逾期</span>' in page
    projections_of(world.app).catch_up()  # what the projection workers do in production
    reviewer = signed_in(world, "reviewer")
    queue = reviewer.get("/review").get_data(as_text=True)
    assert '<span class="status late">逾期</span>' in queue
    review = reviewer.get(f"/review/{aid}").get_data(as_text=True)
    assert '<span class="timeliness status late">逾期</span>' in review
    assert "审核截止" in review and "2023年4月30日" in review
    timeline = reviewer.get(f"/assessments/{aid}/timeline").get_data(as_text=True)
    assert timeline.count("逾期：提交截止日为 2023-03-31") == 1


def test_the_api_gives_the_window_and_whether_the_sheet_came_in_time(world: World) -> None:
    aid = q1_sheet(world, "staff", "V1", submit=True)
    body = world.client.get(f"/api/v1/assessments/{aid}", headers=world.login("staff")).get_json()
    assert body["deadlines"] == {
        "opens": "2023-01-01",
        "submission": "2023-03-31",
        "review": "2023-04-30",
        "hand_up": "2023-04-30",
        "submitted": "late",
        "reviewed": "pending",
    }


def test_a_change_after_the_window_closes_is_refused_naming_the_window(world: World) -> None:
    aid = q1_sheet(world, "staff2", "V2", submit=False)
    version = world.version(aid)
    world.clock.current = MAY_2
    response = world.client.put(
        f"/api/v1/assessments/{aid}/items/1",
        json={"points": "0"},
        headers=world.login("staff2") | {"If-Match": f'"{version}"'},
    )
    assert response.status_code == 422
    problem = response.get_json()
    assert "2023-04-30" in problem["detail"]
    assert any(
        "2023Q1" in e["message_zh"] and "2023-04-30" in e["message_zh"] for e in problem["errors"]
    )
    assert world.version(aid) == version


def test_the_home_page_reminds_a_station_of_its_hand_up_and_then_of_its_overdue_sheet(
    world: World,
) -> None:
    world.clock.current = datetime(2023, 3, 28, 2, 0, tzinfo=UTC)
    opened = OpenAssessment(unit="V1", rubric=RUBRIC, version=2, period="2023Q1")
    world.send("staff", opened)
    projections_of(world.app).catch_up()
    soon = signed_in(world, "staff").get("/").get_data(as_text=True)
    assert "报送与审核期限提醒" in soon and "3 天后到期" in soon and "2023-03-31" in soon
    world.clock.current = APRIL_10
    late = signed_in(world, "staff").get("/").get_data(as_text=True)  # a new session
    assert '<span class="status late">已逾期 10 天</span>' in late and "2023-04-30" in late
    world.clock.current = MAY_2
    closed = signed_in(world, "staff").get("/").get_data(as_text=True)
    assert "报送与审核期限提醒" not in closed
