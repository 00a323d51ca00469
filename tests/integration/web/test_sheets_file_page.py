"""The bulk page of a town: download its villages' sheets of a quarter, upload them filled,
see each village's changes by name before saving, then save them all."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from openpyxl import load_workbook

from application.store import EventStore
from domain.ids import assessment_id, rubric_version_id, unit_id
from tests.integration.web.sheet_files import as_bytes, fill
from tests.integration.web.test_page_text import signed_in
from tests.integration.web.world import RUBRIC, World, build_world
from web.app import projections_of

QUARTER = "2023Q2"


@pytest.fixture
def world(store: EventStore, tmp_path: Path) -> World:
    w = build_world(store, tmp_path / "evidence")
    w.assessment("V1", QUARTER, "submitted")
    w.assessment("V2", QUARTER, "submitted")
    projections_of(w.app).catch_up()
    return w


def hidden(page: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', page)
    assert found, name
    return found.group(1)


def preview(client: FlaskClient, content: bytes) -> str:
    token = hidden(client.get("/sheets/file").get_data(as_text=True), "csrf_token")
    answer = client.post(
        "/sheets/file/preview",
        data={"csrf_token": token, "file": (io.BytesIO(content), "镇验收.xlsx")},
        content_type="multipart/form-data",
    )
    return answer.get_data(as_text=True)


def test_a_town_previews_then_saves_its_villages_sheets_from_one_workbook(world: World) -> None:
    client = signed_in(world, "reviewer")
    assert "批量表格" in client.get("/").get_data(as_text=True)
    got = client.get("/sheets/file.xlsx", query_string={"unit": "T1", "period": QUARTER})
    assert got.status_code == 200
    book = load_workbook(io.BytesIO(got.data))
    fill(book, {"1": 0.5}, worksheet=0)
    fill(book, {"2": 1}, worksheet=1)

    page = preview(client, as_bytes(book))

    assert "V1 单位：将要保存的修改 1 项" in page and "V2 单位：将要保存的修改 1 项" in page
    saved = client.post(
        "/sheets/file/save",
        data={
            "csrf_token": hidden(page, "csrf_token"),
            "content": hidden(page, "content"),
            "file_name": hidden(page, "file_name"),
            "reason": "入户核查",
        },
    )
    assert saved.status_code == 303
    v2 = assessment_id(unit_id("V2"), rubric_version_id(RUBRIC, 1), QUARTER)
    assert world.kaohe.assessments.get(v2).layers["review"] == {"2": {"points": "1"}}


def test_a_wrong_cell_on_the_bulk_page_names_the_worksheet_and_cell(world: World) -> None:
    client = signed_in(world, "reviewer")
    got = client.get("/sheets/file.xlsx", query_string={"unit": "T1", "period": QUARTER})
    book = load_workbook(io.BytesIO(got.data))
    cells = fill(book, {"3": 9}, worksheet=1)

    page = preview(client, as_bytes(book))

    assert "整个文件未保存" in page
    assert "2 V2 单位" in page and cells["3"] in page and "满分" in page
    assert "确认保存" not in page


def test_a_large_workbook_is_chosen_again_and_must_be_the_one_previewed(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("web.pages.sheet.carried_file.CARRY_LIMIT", 0)
    client = signed_in(world, "reviewer")
    got = client.get("/sheets/file.xlsx", query_string={"unit": "T1", "period": QUARTER})
    book = load_workbook(io.BytesIO(got.data))
    fill(book, {"1": 0.5}, worksheet=0)
    content = as_bytes(book)
    page = preview(client, content)
    assert "请再次选择同一文件以确认保存" in page
    form = {
        "csrf_token": hidden(page, "csrf_token"),
        "sha256": hidden(page, "sha256"),
        "file_name": hidden(page, "file_name"),
        "reason": "入户核查",
    }
    fill(book, {"1": 1}, worksheet=0)

    other = client.post(
        "/sheets/file/save",
        data=form | {"file": (io.BytesIO(as_bytes(book)), "镇验收.xlsx")},
        content_type="multipart/form-data",
    )
    same = client.post(
        "/sheets/file/save",
        data=form | {"file": (io.BytesIO(content), "镇验收.xlsx")},
        content_type="multipart/form-data",
    )

    assert other.status_code == 422
    assert "与预览时的文件不同" in other.get_data(as_text=True)
    assert same.status_code == 303
