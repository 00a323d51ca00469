"""Control characters and lone surrogates in any text of a request (JSON strings and keys,
the login, query, path, headers, form fields) are refused (422) naming the field and what is
allowed; tabs and line breaks only in multi-line text; nothing is stored."""

from __future__ import annotations

import io
import json

import pytest

from tests.integration.web.refusals import draft_sheet, refused
from tests.integration.web.world import World

JSON = {"Content-Type": "application/json"}


def put_json(body: str) -> dict[str, object]:
    return {"data": body, "content_type": "application/json"}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ('{"points": "1.5", "reason": "ok\\u0000"}', "reason"),
        ('{"points": "1.5", "reason": "a\\ud800b"}', "reason"),
        ('{"points": "1.5", "reason": "bell\\u0007"}', "reason"),
        ('{"points": "1.5", "reason": "c1\\u0085"}', "reason"),
        ('{"claims": [{"matter": "x\\tz", "tier": "a"}]}', "claims.0.matter"),
        ('{"counts": {"a\\u0000": 1}}', "counts.a\\u0000 (a key)"),
    ],
    ids=["nul", "lone-surrogate", "c0", "c1", "tab-in-a-single-line-field", "in-a-key"],
)
def test_a_control_character_in_any_json_string_is_refused(
    world: World, body: str, field: str
) -> None:
    sheet = draft_sheet(world)
    before = sheet.state()
    response = world.client.put(f"{sheet.url}/items/12", headers=sheet.writing(), **put_json(body))
    problem = refused(response, 422, field)
    assert "allowed" in problem["detail"]
    assert sheet.state() == before


def test_tabs_and_line_breaks_are_kept_in_multi_line_text(world: World) -> None:
    sheet = draft_sheet(world)
    body = json.dumps({"points": "1.5", "reason": "第一行\r\n\t第二行"})
    response = world.client.put(f"{sheet.url}/items/12", headers=sheet.writing(), **put_json(body))
    assert response.status_code == 200, response.get_json()
    assert sheet.state()[2] == {"points": "1.5"}


@pytest.mark.parametrize("username", ["\\ud800", "staff\\u0000", "staff\\n"])
def test_a_login_with_a_control_character_is_refused_not_an_error(
    world: World, username: str
) -> None:
    before = world.kaohe.store.history.max_position()
    body = '{"username": "' + username + '", "password": "x"}'
    response = world.client.post("/api/v1/auth/token", data=body, headers=JSON)
    refused(response, 422, "username")
    assert world.kaohe.store.history.max_position() == before


def test_a_control_character_in_a_query_argument_or_path_is_refused(world: World) -> None:
    sheet = draft_sheet(world)
    before = sheet.state()
    refused(world.client.get("/api/v1/assessments?unit=V1%00", headers=sheet.headers), 422, "unit")
    path = f"{sheet.url}/items/1%072"
    refused(world.client.put(path, json={"points": "1"}, headers=sheet.writing()), 422, "number")
    assert sheet.state() == before


@pytest.mark.parametrize("key", ["a key", "clé-1", "k" * 201, ""])
def test_an_idempotency_key_that_cannot_be_kept_is_refused(world: World, key: str) -> None:
    sheet = draft_sheet(world)
    before = sheet.state()
    headers = sheet.writing(**{"Idempotency-Key": key})
    response = world.client.post(f"{sheet.url}/submit", headers=headers)
    problem = refused(response, 400, "Idempotency-Key")
    assert "200 visible ASCII" in problem["detail"]
    assert sheet.state() == before


def test_a_control_character_in_a_form_field_or_file_name_is_refused(world: World) -> None:
    sheet = draft_sheet(world)
    before = sheet.state()
    for form, field in (
        ({"item": "1\x00", "file": (io.BytesIO(b"x"), "a.pdf")}, "item"),
        ({"file": (io.BytesIO(b"x"), "a\x1b.pdf")}, "file (file name)"),
    ):
        response = world.client.post(
            f"{sheet.url}/evidence",
            data=form,
            headers=sheet.writing(),
            content_type="multipart/form-data",
        )
        refused(response, 422, field)
    assert sheet.state() == before
