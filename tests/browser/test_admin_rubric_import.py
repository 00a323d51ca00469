"""An administrator uploads a scoring table typed into Excel on the publish page, reads the
draft rubric file and what is left to settle, downloads the draft, settles it and uploads the
file itself to preview it: a spreadsheet alone never publishes anything."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.browser.conftest import Site
from tests.browser.pages import assert_accessible, screenshot
from tests.unit.infra.rubric_import.tables import seed_xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TITLE = "服务对象100人以下村（社区）退役军人服务站规范建设运行验收评分表"


def upload(page: Any, name: str, mime: str, data: bytes) -> None:
    page.get_by_label("评分表文件").set_input_files(
        {"name": name, "mimeType": mime, "buffer": data}
    )
    page.get_by_role("button", name="校验并预览").click()


def test_an_excel_table_becomes_a_draft_that_is_settled_then_previewed(
    site: Site, page: Any, tmp_path: Path
) -> None:
    site.login(page, "administrator")
    page.goto(site.url + "/admin/rubrics")
    upload(page, "丰都.xlsx", XLSX, seed_xlsx("fengdu", TITLE, merged=(0,)))
    assert page.get_by_role("heading", level=1).inner_text() == "表格导入草案：丰都.xlsx"
    settle = page.get_by_role("region", name="待确认事项（9 条）", exact=True)
    rows = settle.get_by_role("row").all_inner_texts()
    assert any("Sheet1!C63" in r and "一票否决情形按文字编号拆分" in r for r in rows)
    assert "可以通过发布校验" in page.get_by_role("region", name="发布校验").inner_text()
    assert page.get_by_role("button", name="发布").count() == 0
    assert_accessible(page)
    screenshot(page, "admin-rubric-import")

    with page.expect_download() as downloading:
        page.get_by_role("link", name="下载草案文件 丰都.yaml").click()
    draft = tmp_path / "draft.yaml"
    downloading.value.save_as(draft)
    text = draft.read_text(encoding="utf-8").replace("code: imported-table", "code: fengdu-draft")
    page.goto(site.url + "/admin/rubrics")
    upload(page, "丰都.yaml", "application/yaml", text.encode("utf-8"))
    assert page.get_by_role("heading", level=1).inner_text() == f"预览：{TITLE}"
    assert page.get_by_role("button", name="发布").count() == 1
