"""A body that is not JSON where JSON is required, an empty, malformed, too deep or too large
one, is refused (415, 400, 413) with a problem in English and Chinese; nothing is stored."""

from __future__ import annotations

import pytest

from tests.integration.web.refusals import draft_sheet, refused
from tests.integration.web.world import World
from web.json_body import JSON_LIMIT, MAX_DEPTH

BODY = '{"points": "1.5"}'


@pytest.mark.parametrize("content_type", [None, "text/plain", "application/x-www-form-urlencoded"])
def test_a_score_sent_without_json_content_type_is_refused_and_keeps_the_score(
    world: World, content_type: str | None
) -> None:
    sheet = draft_sheet(world)
    before = sheet.state()
    more = {"Content-Type": content_type} if content_type else {}
    response = world.client.put(f"{sheet.url}/items/12", data=BODY, headers=sheet.writing(**more))
    problem = refused(response, 415, "Content-Type")
    assert "application/json" in problem["detail"]
    assert sheet.state() == before


@pytest.mark.parametrize("content_type", [None, "application/json"])
def test_an_empty_body_is_never_read_as_an_empty_entry(
    world: World, content_type: str | None
) -> None:
    sheet = draft_sheet(world)
    before = sheet.state()
    more = {"Content-Type": content_type} if content_type else {}
    response = world.client.put(f"{sheet.url}/items/12", data="", headers=sheet.writing(**more))
    refused(response, 415 if content_type is None else 400)
    assert sheet.state() == before


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ('{"points": ', "not valid JSON"),
        ('{"points": NaN}', "not valid JSON"),
        ("[" * 100_000, f"at most {MAX_DEPTH}"),
        ('{"progress": ' + "[" * 5_000 + "]" * 5_000 + "}", f"at most {MAX_DEPTH}"),
    ],
    ids=["malformed", "nan", "deep", "deep-in-a-field"],
)
def test_malformed_or_too_deep_json_is_a_bad_request(world: World, body: str, words: str) -> None:
    sheet = draft_sheet(world)
    before = sheet.state()
    response = world.client.put(
        f"{sheet.url}/items/12",
        data=body,
        headers=sheet.writing(**{"Content-Type": "application/json"}),
    )
    problem = refused(response, 400, "")
    assert words in problem["detail"]
    assert sheet.state() == before


def test_brackets_inside_text_are_only_text(world: World) -> None:
    sheet = draft_sheet(world)
    body = '{"reason": "' + "[{" * 900 + '", "points": "1.5"}'
    headers = sheet.writing(**{"Content-Type": "application/json"})
    response = world.client.put(f"{sheet.url}/items/12", data=body, headers=headers)
    assert response.status_code == 200, response.get_json()
    assert sheet.state()[2] == {"points": "1.5"}


def test_a_json_body_over_the_limit_is_refused_before_it_is_read(world: World) -> None:
    sheet = draft_sheet(world)
    before = sheet.state()
    body = '{"points": "1", "reason": "' + "x" * JSON_LIMIT + '"}'
    response = world.client.put(
        f"{sheet.url}/items/12",
        json=None,
        data=body,
        headers=sheet.writing(**{"Content-Type": "application/json"}),
    )
    problem = refused(response, 413, "")
    assert str(JSON_LIMIT) in problem["detail"]
    assert sheet.state() == before


def test_an_optional_body_may_still_be_left_out(world: World) -> None:
    sheet = draft_sheet(world)
    response = world.client.post(f"{sheet.url}/submit", headers=sheet.writing())
    assert response.status_code == 200, response.get_json()
