"""The administrator's publish page takes a scoring table as .xlsx too: it shows the rubric
file proposed from it and what is left to settle, in Chinese, and publishes nothing; a table
it cannot read is refused beside the file field, naming the cell."""

from __future__ import annotations

import html
import re
from io import BytesIO

import yaml
from flask.testing import FlaskClient

from tests.integration.web.world import PASSWORD, World
from tests.unit.domain.builders import definition, item
from tests.unit.infra.rubric_import.tables import seed_xlsx, sheet_of, xlsx_bytes

TITLE = "服务对象100人以下村（社区）退役军人服务站规范建设运行验收评分表"


def admin_form(world: World) -> tuple[FlaskClient, str]:
    client = world.app.test_client()
    signed = client.post("/login", data={"username": "admin", "password": PASSWORD})
    assert signed.status_code == 303
    page = client.get("/admin/rubrics").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert token
    return client, token.group(1)


def upload(world: World, data: bytes, name: str) -> tuple[int, str]:
    client, token = admin_form(world)
    form = {"csrf_token": token, "file": (BytesIO(data), name)}
    response = client.post("/admin/rubrics/preview", data=form)
    return response.status_code, html.unescape(response.get_data(as_text=True))


def test_an_xlsx_table_shows_the_proposed_file_and_what_is_left_to_settle(world: World) -> None:
    before = world.client.get("/api/v1/rubrics", headers=world.login("admin")).get_json()
    status, page = upload(world, seed_xlsx("fengdu", TITLE, merged=(0,)), "丰都评分表.xlsx")
    assert status == 200
    assert "<h1>表格导入草案：丰都评分表.xlsx</h1>" in page
    assert "加分档次 t1… 按“加N分”读出，请为每档命名" in page
    assert "Sheet1!C60 … Sheet1!C61 (2)" in page
    assert "编码 imported-table 为占位值" in page
    assert "草案按现状可以通过发布校验" in page
    assert f"title: {TITLE}" in page and "  - number: '61'" in page
    assert 'download="丰都评分表.yaml"' in page
    assert 'action="/admin/rubrics/publish"' not in page  # a draft, never published from here
    after = world.client.get("/api/v1/rubrics", headers=world.login("admin")).get_json()
    assert after == before


def test_a_table_with_words_for_points_is_refused_beside_the_field_naming_the_cell(
    world: World,
) -> None:
    rows: list[list[object]] = [["序号", "工作标准", "分值"], [1, "一。", 2], [2, "二。", "五"]]
    status, page = upload(world, xlsx_bytes(sheet_of(rows, "评分表")), "表.xlsx")
    assert status == 422
    beside = page[page.index('id="rubric-file-error"') :]
    assert "表格 表.xlsx 中有 1 处无法读取，未生成草案" in beside
    assert "Sheet1!C4" in beside and "分值 “五” 不是数字" in beside


def test_a_draft_publishing_would_refuse_says_so_with_each_problem(world: World) -> None:
    rows: list[list[object]] = [["序号", "工作标准", "分值"], [1, "一。", 2], [1, "二。", 3]]
    status, page = upload(world, xlsx_bytes(sheet_of(rows, "评分表")), "重号.xlsx")
    assert status == 200
    assert "草案按现状发布会被拒绝，有 1 处问题需修改" in page
    assert "项目编号“1”用了 2 次；评分表内项目编号不能重复" in page
    assert "item number" not in page  # the English stays in the API
    assert "草案按现状可以通过发布校验" not in page


def test_a_rubric_file_the_publish_check_refuses_is_explained_in_chinese(world: World) -> None:
    bad = definition([item("1", "4"), item("2", "十")])
    text = yaml.safe_dump(bad, allow_unicode=True).encode()
    status, page = upload(world, text, "错表.yaml")
    assert status == 422
    beside = page[page.index('id="rubric-file-error"') :]
    assert "标准项分值合计" in beside or "“max”应为不小于 0 的数" in beside
    assert "“max”应为不小于 0 的数，如 2 或 0.5，实为“十”" in beside
    assert "must be" not in page and "add up to" not in page
