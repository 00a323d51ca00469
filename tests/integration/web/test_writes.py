"""Writes over HTTP: versions as ETags, If-Match required, stale writes refused with 412 and
nothing stored, idempotent repeats, the layer following the caller's role, and errors as
problem details with field messages in English and Chinese."""

from __future__ import annotations

import hashlib
from datetime import datetime

import structlog
from structlog.contextvars import merge_contextvars

from application.actor import Actor
from application.commands.accounts import GrantRole
from application.commands.assessments import AttachEvidence, OpenAssessment, Submit
from domain.account import Role
from domain.china_time import CHINA
from domain.ids import unit_id
from infra.logging import drop_secrets
from tests.integration.web.world import PASSWORD, World
from tests.unit.application.sending import Who, send
from web.app import projections_of

OPEN = {"unit": "V1", "rubric": "fengdu-village-station", "version": 1, "period": "2023Q2"}


def test_a_write_needs_the_version_read_and_a_stale_one_changes_nothing(world: World) -> None:
    staff = world.login("staff")
    opened = world.client.post("/api/v1/assessments", json=OPEN, headers=staff)
    assert opened.status_code == 201 and opened.headers["ETag"] == '"1"'
    item = f"/api/v1/assessments/{opened.get_json()['id']}/items/1"
    missing = world.client.put(item, json={"points": "1"}, headers=staff)
    assert missing.status_code == 428
    first = world.client.put(item, json={"points": "1"}, headers=staff | {"If-Match": '"1"'})
    assert first.status_code == 200 and first.headers["ETag"] == '"2"'
    assert first.get_json()["layers"]["self"]["1"] == {"points": "1"}
    stale = world.client.put(item, json={"points": "0"}, headers=staff | {"If-Match": '"1"'})
    assert stale.status_code == 412
    assert stale.get_json()["current_version"] == 2
    now = world.client.get(item.rpartition("/items")[0], headers=staff)
    assert now.headers["ETag"] == '"2"'
    assert now.get_json()["layers"]["self"]["1"] == {"points": "1"}


def test_a_repeated_post_returns_the_first_response_and_stores_nothing(world: World) -> None:
    staff = world.login("staff") | {"Idempotency-Key": "open-v1-2023q2"}
    first = world.client.post("/api/v1/assessments", json=OPEN, headers=staff)
    events = world.kaohe.store.history.max_position()
    again = world.client.post("/api/v1/assessments", json=OPEN, headers=staff)
    assert again.status_code == first.status_code == 201
    assert again.get_json() == first.get_json()
    assert world.kaohe.store.history.max_position() == events
    other = world.client.post(
        "/api/v1/assessments", json=OPEN | {"period": "2023Q3"}, headers=staff
    )
    assert other.status_code == 409  # the same key for another request


def test_a_repeated_workflow_step_returns_its_first_answer(world: World) -> None:
    aid = world.assessment("V1", "2023Q2")
    read = world.version(aid)
    headers = world.login("staff") | {"If-Match": f'"{read}"', "Idempotency-Key": "submit-1"}
    first = world.client.post(f"/api/v1/assessments/{aid}/submit", headers=headers)
    again = world.client.post(f"/api/v1/assessments/{aid}/submit", headers=headers)
    assert first.status_code == again.status_code == 200
    assert again.get_json() == first.get_json()
    assert first.get_json()["status"] == "submitted"
    assert world.version(aid) == read + 1


def test_the_layer_written_follows_the_callers_role(world: World) -> None:
    aid = world.assessment("V1", "2023Q2", "submitted")
    reviewer = world.login("reviewer") | {"If-Match": f'"{world.version(aid)}"'}
    body = {"points": "1", "reason": "台账资料不全，核减"}
    response = world.client.put(f"/api/v1/assessments/{aid}/items/1", json=body, headers=reviewer)
    assert response.status_code == 200
    sheet = response.get_json()
    assert sheet["layers"]["review"]["1"] == {"points": "1"}
    assert next(i for i in sheet["score"]["items"] if i["number"] == "1")["layer"] == "review"


def test_nobody_approves_their_own_submission(world: World) -> None:
    """A reviewer who also holds the station role over the village submits, then tries to
    approve: refused, and the refusal is recorded."""
    world.kaohe.setup(GrantRole(username="reviewer", role=Role.STATION_STAFF, unit="V1"))
    aid = world.assessment("V1", "2023Q2")
    account = world.kaohe.accounts.get("reviewer")
    as_staff = Who(Actor(account.id, Role.STATION_STAFF, unit_id("V1")), "arrange")
    send(world.kaohe, as_staff, Submit(assessment_id=aid))
    response = world.client.post(
        f"/api/v1/assessments/{aid}/approve",
        headers=world.login("reviewer") | {"If-Match": f'"{world.version(aid)}"'},
    )
    assert response.status_code == 403
    assert "submitted" in response.get_json()["detail"]
    assert world.denials("reviewer")[-1]["action"] == "assessments.approve"
    assert world.kaohe.assessments.get(aid).status.value == "submitted"


def test_errors_name_each_field_in_english_and_chinese(world: World) -> None:
    staff = world.login("staff")
    response = world.client.post(
        "/api/v1/assessments", json={"unit": "V1", "version": "one"}, headers=staff
    )
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    errors = {e["field"]: e for e in response.get_json()["errors"]}
    assert errors["rubric"]["message"] == "Missing data for required field."
    assert errors["rubric"]["message_zh"] == "缺少必填字段。"
    assert errors["version"]["message_zh"] == "不是有效的整数。"
    unknown = world.client.get(
        "/api/v1/assessments/00000000-0000-0000-0000-000000000000", headers=staff
    )
    assert unknown.status_code == 404 and unknown.get_json()["title_zh"] == "未找到"


def test_request_logs_carry_who_and_where_but_never_a_secret(world: World) -> None:
    with structlog.testing.capture_logs([merge_contextvars, drop_secrets]) as logs:
        login = world.client.post(
            "/api/v1/auth/token", json={"username": "staff", "password": PASSWORD}
        )
        token = login.get_json()["access_token"]
        world.client.get("/api/v1/units/V1", headers={"Authorization": f"Bearer {token}"})
    line = next(entry for entry in logs if entry.get("route") == "/api/v1/units/<string:code>")
    assert line["status"] == 200 and line["role"] == "station_staff"
    assert {"request_id", "account", "unit", "duration_ms"} <= line.keys()
    text = repr(logs)
    assert PASSWORD not in text and token not in text


def test_an_evidence_file_with_a_chinese_name_downloads_under_that_name(world: World) -> None:
    aid = world.assessment("V1", "2023Q2")
    content = "村务公开栏照片".encode()
    attach = AttachEvidence(assessment_id=aid, file_name="台账 照片.jpg", content=content, item="1")
    world.send("staff", attach)
    sha = hashlib.sha256(content).hexdigest()
    response = world.client.get(
        f"/api/v1/assessments/{aid}/evidence/{sha}", headers=world.login("staff")
    )
    assert response.status_code == 200 and response.data == content
    disposition = response.headers["Content-Disposition"]
    assert disposition.encode("latin-1")  # a header any server can send
    assert "filename*=UTF-8''%E5%8F%B0%E8%B4%A6%20%E7%85%A7%E7%89%87.jpg" in disposition


def test_overdue_tasks_are_judged_by_the_service_clock_not_the_machine_date(
    world: World,
) -> None:
    world.clock.current = datetime(2024, 9, 15, 10, tzinfo=CHINA)
    opening = OpenAssessment(unit="C1", rubric="wushen-banner-tasks", version=1, period="2024")
    world.send("auditor", opening)
    projections_of(world.app).catch_up()  # what the projection workers do in production
    response = world.client.get(
        "/api/v1/tables/tasks?unit=C1&period=2024", headers=world.login("auditor")
    )
    assert response.status_code == 200, response.get_json()
    rows = {row[0]: row for row in response.get_json()["tables"][0]["rows"]}
    assert rows["5.1.3"][6] == "2024-07-31" and rows["5.1.3"][-1] == "是"
    assert rows["6.3.1"][6] == "2024-09-30" and rows["6.3.1"][-1] == "否"  # not yet due
