"""What people read after they act, not only where they look: a refused opening, save, upload,
return or move (its error summary and field messages), the review flow (queue, review page,
return with reasons, the station's returned sheet, approval), all in Chinese with no id, code
or ISO moment, and never a server error."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from application.store import EventStore
from domain.rubric_definition import RUBRIC_KEYS
from infra.projections.registry import Projections
from tests.integration.web.demo_api import DemoApi, LoadedDemo, demo_api
from tests.integration.web.forms_read import Form, form_to
from tests.integration.web.readable import csv_text, unreadable, visible_text, xlsx_text

PERIOD = "2023Q3"
STATION, REVIEWER = "staff-010101", "reviewer-0101"


@dataclass(frozen=True)
class Demo:
    api: DemoApi
    store: EventStore

    def settled(self) -> None:
        """The read models (the queue, the home page) caught up with what was done."""
        Projections(self.store).catch_up()


@pytest.fixture(scope="module")
def demo(loaded_demo: LoadedDemo, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    with demo_api(loaded_demo, tmp_path_factory.mktemp("readable-flows") / "store") as api:
        yield Demo(api, api.store)


def signed_in(demo: Demo, username: str) -> FlaskClient:
    client = demo.api.app.test_client()
    signed = client.post("/login", data={"username": username, "password": f"demo-{username}-2023"})
    assert signed.status_code == 303
    return client


def read(answer: TestResponse, file_keys: tuple[str, ...] = ()) -> str:
    """The page's visible text, after checking it is no server error and reads in Chinese
    (but for the keys of an uploaded file, which a page names as the file writes them)."""
    text = visible_text(answer.get_data(as_text=True))
    assert answer.status_code < 500, f"{answer.status_code} at {answer.request.path}: {text[:300]}"
    scanned = re.sub(r"\b(?:" + "|".join(file_keys) + r")\b", "", text) if file_keys else text
    assert not unreadable(scanned), f"{answer.request.path}: {unreadable(scanned)[:5]}"
    return text


def send(client: FlaskClient, form: Form, **changes: str | list[str]) -> TestResponse:
    return client.post(form.action, data=form.data(**changes), follow_redirects=True)


def upload(client: FlaskClient, form: Form, name: str, content: bytes) -> TestResponse:
    data: dict[str, object] = {k: v[0] for k, v in form.data().items()}
    data["file"] = (io.BytesIO(content), name)
    return client.post(
        form.action, data=data, content_type="multipart/form-data", follow_redirects=True
    )


def submitting(save: Form) -> str:
    """Where the sheet's 提交评分表 button sends the sheet's form (saving it first)."""
    return save.action.removesuffix("/sheet") + "/submit"


def open_sheet(client: FlaskClient) -> TestResponse:
    """The station opens its next quarter from the home page (refused first: a period as
    people write it in a letter)."""
    home = client.get("/")
    opening = form_to(home.get_data(as_text=True), "/assessments")
    refused = client.post(opening.action, data=opening.data(period="2023年三季度"))
    assert refused.status_code == 422
    assert "季度写作 2023Q2" in read(refused)
    sheet = send(client, opening, period=PERIOD)
    assert sheet.status_code == 200 and "/assessments/" in sheet.request.path
    return sheet


def test_refused_saves_and_uploads_of_a_station_say_what_to_fix_in_chinese(
    demo: Demo,
) -> None:
    client = signed_in(demo, STATION)
    html = open_sheet(client).get_data(as_text=True)
    save = form_to(html, "/sheet")
    refused = client.post(save.action, data=save.data(**{"points-1": "abc", "points-3": "99"}))
    assert refused.status_code == 422
    text = read(refused)
    assert "本次未保存任何内容" in text and "第 3 项" in text

    file_form = form_to(html, "/sheet-file/preview")
    not_a_book = upload(client, file_form, "评分表.xlsx", b"not a workbook")
    assert not_a_book.status_code == 422
    read(not_a_book)
    evidence = form_to(html, "/evidence")
    assert "请选择要上传的文件" in read(upload(client, evidence, "", b""))
    bonus = form_to(html, "/bonus")
    read(client.post(bonus.action, data=bonus.data()))


def test_the_review_flow_and_its_refusals_read_in_chinese(demo: Demo) -> None:
    station = signed_in(demo, STATION)
    html = open_sheet(station).get_data(as_text=True)
    save = form_to(html, "/sheet")
    too_early = station.post(submitting(save), data=save.data())
    assert too_early.status_code == 422
    read(too_early)
    zeros = {name: "0" for name in save.fields if name.startswith("points-")}
    assert "已提交" in read(
        station.post(submitting(save), data=save.data(**zeros), follow_redirects=True)
    )

    demo.settled()
    reviewer = signed_in(demo, REVIEWER)
    queue = reviewer.get("/review")
    assert "2023年第三季度" in read(queue)
    aid = save.action.split("/")[2]
    page = reviewer.get(f"/review/{aid}")
    read(page)
    giving_back = form_to(page.get_data(as_text=True), "/return")
    refused = reviewer.post(giving_back.action, data=giving_back.data(item=["1", "3"]))
    assert refused.status_code == 422
    assert "需要修改" in read(refused)
    reasons = {"item": ["1"], "reason-1": "签到表缺少负责人签字", "overall": "请补齐签字后重新提交"}
    returned = send(reviewer, giving_back, **reasons)
    assert "已退回" in read(returned)

    demo.settled()
    sheet = station.get(f"/assessments/{aid}")
    assert "签到表缺少负责人签字" in read(sheet) and "请补齐签字后重新提交" in read(sheet)
    assert "签到表缺少负责人签字" in read(station.get("/"))
    again = form_to(sheet.get_data(as_text=True), "/sheet")
    read(station.post(submitting(again), data=again.data(), follow_redirects=True))
    demo.settled()
    page = reviewer.get(f"/review/{aid}")
    stranger = signed_in(demo, "reviewer-0102")
    refused = stranger.get(f"/review/{aid}")
    assert refused.status_code == 403
    read(refused)
    demo.settled()
    regulator = signed_in(demo, "regulator")
    history = read(regulator.get("/accounts/reviewer-0102/history"))
    assert "拒绝访问" in history and "不在该账号授权的单位范围内" in history
    trail = csv_text(regulator.get("/tables/audit/csv").get_data())
    assert "不在该账号授权的单位范围内" in trail and not unreadable(trail)
    assert not unreadable(xlsx_text(regulator.get("/tables/audit/xlsx").get_data()))
    approved = send(reviewer, form_to(read(page) and page.get_data(as_text=True), "/approve"))
    assert "已验收通过" in read(approved)
    read(station.get(f"/assessments/{aid}/timeline"))


def test_refused_moves_and_rubric_uploads_of_an_administrator_read_in_chinese(
    demo: Demo,
) -> None:
    admin = signed_in(demo, "admin")
    unit = admin.get("/admin/units/DEMO-01-01-01")
    moving = form_to(read(unit) and unit.get_data(as_text=True), "/move")
    empty = admin.post(moving.action, data=moving.data())
    assert empty.status_code == 422
    assert "调整原因" in read(empty)
    itself = {"parent": "DEMO-01-01-01", "effective_from": "2024-01-01", "reason": "区划调整"}
    read(admin.post(moving.action, data=moving.data(**itself)))
    unknown = {"parent": "NO-SUCH-UNIT", "effective_from": "2024-01-01", "reason": "区划调整"}
    read(admin.post(moving.action, data=moving.data(**unknown)))

    rubrics = admin.get("/admin/rubrics")
    preview = form_to(read(rubrics) and rubrics.get_data(as_text=True), "/rubrics/preview")
    for name, content in (
        ("评分表.yaml", b"code: [unclosed"),
        ("评分表.json", b'{"code": "x", "version": "one", "sections": 3}'),
        ("评分表.xlsx", b"not a workbook"),
    ):
        refused = upload(admin, preview, name, content)
        assert refused.status_code in (400, 422), refused.status_code
        assert "实为" in read(refused, RUBRIC_KEYS) or "无法读取" in read(refused)
