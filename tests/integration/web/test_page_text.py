"""The pages' forms refuse control characters too: the sheet is shown again with the reason
in Chinese beside the field concerned, and nothing is saved."""

from __future__ import annotations

import re

from flask.testing import FlaskClient

from tests.integration.web.refusals import draft_sheet
from tests.integration.web.world import PASSWORD, World


def signed_in(world: World, username: str) -> FlaskClient:
    client = world.app.test_client()
    response = client.post("/login", data={"username": username, "password": PASSWORD})
    assert response.status_code == 303
    return client


def form_of(client: FlaskClient, aid: object) -> dict[str, str]:
    page = client.get(f"/assessments/{aid}").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    version = re.search(r'name="version" value="(\d+)"', page)
    assert token and version
    return {"csrf_token": token.group(1), "version": version.group(1)}


def test_the_sheet_form_says_beside_a_field_that_it_holds_a_control_character(
    world: World,
) -> None:
    sheet = draft_sheet(world)
    before = sheet.state()
    client = signed_in(world, "staff")
    data = form_of(client, sheet.aid) | {"points-12": "1.5", "reason": "好\x00"}
    response = client.post(f"/assessments/{sheet.aid}/sheet", data=data)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "\x00" not in page
    beside = re.search(r'<p class="field-error" id="reason-error" role="alert">([^<]+)</p>', page)
    assert beside and "控制字符" in beside.group(1) and "可以换行" in beside.group(1)
    assert sheet.state() == before


def test_a_bonus_matter_with_a_control_character_is_refused_beside_it(world: World) -> None:
    sheet = draft_sheet(world)
    before = sheet.state()
    client = signed_in(world, "staff")
    data = form_of(client, sheet.aid) | {"item": "58", "matter": "老兵\x1b", "tier": "bureau"}
    response = client.post(f"/assessments/{sheet.aid}/bonus", data=data)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'id="bonus-58-matter-error"' in page and 'value="老兵"' in page
    assert sheet.state() == before


def test_a_number_typed_in_full_width_digits_is_refused_beside_its_field(world: World) -> None:
    sheet = draft_sheet(world)
    before = sheet.state()
    client = signed_in(world, "staff")
    for typed in ("１", "1_0", "-0"):
        data = form_of(client, sheet.aid) | {"points-12": typed}
        response = client.post(f"/assessments/{sheet.aid}/sheet", data=data)
        assert response.status_code == 422
        page = response.get_data(as_text=True)
        beside = re.search(r'id="points-12-error" role="alert">([^<]+)<', page)
        assert beside and "半角数字" in beside.group(1)
    assert sheet.state() == before
