"""Publishing a rubric whose fourth quarter is handed up in January: the API keeps the day
as declared (+01-15) and a 2023Q4 sheet is due then; a next-year day written wrongly is
refused, in Chinese, naming the field, and nothing is published."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from application.commands.assessments import OpenAssessment
from infra.rubric_files import BUILTIN_DIR
from tests.integration.web.world import World

CODE = "fengdu-january"
Q4 = "  Q4: {submission: 12-31, review: 12-31, hand_up: 12-31}\n"


def rubric_file(hand_up: str) -> bytes:
    text = (BUILTIN_DIR / "fengdu-village-station.v2.yaml").read_text(encoding="utf-8")
    assert Q4 in text
    text = text.replace("code: fengdu-village-station\n", f"code: {CODE}\n", 1)
    changed = f"  Q4: {{submission: 12-31, review: 12-31, hand_up: {hand_up}}}\n"
    return text.replace(Q4, changed, 1).encode()


def publish(world: World, content: bytes) -> tuple[int, dict[str, object]]:
    files = {"file": (io.BytesIO(content), "rubric.yaml")}
    response = world.client.post("/api/v1/rubrics", data=files, headers=world.login("admin"))
    return response.status_code, response.get_json()


def test_a_fourth_quarter_handed_up_in_january_is_published_and_due_then(world: World) -> None:
    status, body = publish(world, rubric_file("+01-15"))
    assert status == 201, body
    definition = body["definition"]
    assert isinstance(definition, dict)
    assert definition["deadlines"]["Q4"]["hand_up"] == "+01-15"
    world.clock.current = datetime(2023, 10, 9, 2, 0, tzinfo=UTC)
    opened = OpenAssessment(unit="V1", rubric=CODE, version=2, period="2023Q4")
    aid = world.send("staff", opened).id
    sheet = world.client.get(f"/api/v1/assessments/{aid}", headers=world.login("staff"))
    deadlines = sheet.get_json()["deadlines"]
    assert (deadlines["submission"], deadlines["hand_up"]) == ("2023-12-31", "2024-01-15")


def test_a_next_year_day_written_wrongly_is_refused_naming_the_field(world: World) -> None:
    before = world.client.get("/api/v1/rubrics", headers=world.login("admin")).get_json()
    status, body = publish(world, rubric_file("+1-15"))
    assert status == 422, body
    errors = body["errors"]
    assert isinstance(errors, list)
    [problem] = errors
    assert problem["field"] == "deadlines › Q4"
    assert problem["message_zh"] == (
        "“hand_up”应为月-日（每年），如 04-30；次年的日期前加 +，如 +01-15，实为“+1-15”"
    )
    after = world.client.get("/api/v1/rubrics", headers=world.login("admin")).get_json()
    assert after == before
