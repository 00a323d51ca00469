"""Numbers only in their plain ASCII form; a sheet no larger than its rubric; a username in
the form it is kept: anything else is refused (422) naming the field and the allowed form,
with nothing stored."""

from __future__ import annotations

import pytest

from tests.integration.web.refusals import draft_sheet, refused
from tests.integration.web.world import PASSWORD, World


@pytest.mark.parametrize(
    "points", ["-0", "-0.0", "1_0", "１", "1e0", " 1", "NaN", "0x1", -0.0, 1e-9, True]
)
def test_a_number_in_another_form_than_an_ascii_decimal_is_refused(
    world: World, points: object
) -> None:
    sheet = draft_sheet(world)
    before = sheet.state()
    url = f"{sheet.url}/items/12"
    response = world.client.put(url, json={"points": points}, headers=sheet.writing())
    problem = refused(response, 422, "points")
    assert "ASCII decimal like 1.5" in problem["detail"]
    zh = problem["errors"][0]["message_zh"]
    assert "1.5" in zh and "全角" in zh
    assert sheet.state() == before


@pytest.mark.parametrize("points", ["1.5", 1.5, "0", 0, "2"])
def test_a_plain_decimal_as_text_or_json_number_is_read_exactly(
    world: World, points: object
) -> None:
    sheet = draft_sheet(world)
    response = world.client.put(
        f"{sheet.url}/items/12", json={"points": points}, headers=sheet.writing()
    )
    assert response.status_code == 200, response.get_json()
    assert sheet.state()[2] == {"points": str(points)}


def test_a_sheet_with_more_entries_than_its_rubric_has_items_is_refused_whole(
    world: World,
) -> None:
    sheet = draft_sheet(world)
    before = sheet.state()
    for count, status, said in (
        (100, 422, "100 entries, but the rubric has 61 items"),  # more than its rubric
        (5_000, 422, "Longer than maximum length 1000"),  # more than any rubric: not read
        (600_000, 413, "at most"),  # 15 MB: not even parsed
    ):
        entries = {f"x{i}": {"points": "1"} for i in range(count)}
        response = world.client.put(
            f"{sheet.url}/sheet", json={"entries": entries}, headers=sheet.writing()
        )
        assert said in refused(response, status)["detail"]
        assert len(response.get_data()) < 5_000
    assert sheet.state() == before


def test_the_problems_of_a_sheet_are_listed_up_to_fifty_and_counted(world: World) -> None:
    sheet = draft_sheet(world)
    before = sheet.state()
    items = sheet.world.full_sheet(sheet.aid)
    entries = {number: {"points": "99"} for number in items}
    response = world.client.put(
        f"{sheet.url}/sheet", json={"entries": entries}, headers=sheet.writing()
    )
    problem = refused(response, 422)
    assert len(problem["errors"]) == 51
    assert problem["errors"][-1]["message"] == f"and {len(items) - 50} more problem(s), not listed"
    assert "未列出" in problem["errors"][-1]["message_zh"]
    assert sheet.state() == before


@pytest.mark.parametrize("username", [" admin ", "new user", "ab", "Ｎew", "new\u200buser"])
def test_an_account_name_in_another_form_is_refused_saying_what_a_username_may_hold(
    world: World, username: str
) -> None:
    before = world.kaohe.store.history.max_position()
    body = {"username": username, "display_name": "新用户", "password": PASSWORD}
    response = world.client.post("/api/v1/accounts", json=body, headers=world.login("admin"))
    problem = refused(response, 422, "username")
    assert "3 to 64 characters" in problem["detail"]
    assert "不能有空格" in problem["errors"][0]["message_zh"]
    assert world.kaohe.store.history.max_position() == before
