"""A station fills its sheet offline: it downloads the workbook from the sheet page, types
scores, uploads it and sees what would change (a score above an item's maximum refused,
naming the cell) before saving; once saved, the total follows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from tests.browser.conftest import Site
from tests.browser.pages import assert_accessible
from tests.browser.test_sheet import open_next_quarter, total
from tests.integration.web.sheet_files import fill


def download(page: Any, folder: Path) -> Path:
    with page.expect_download() as started:
        page.get_by_role("link", name="下载评分表（Excel）").click()
    target = folder / "sheet.xlsx"
    started.value.save_as(target)
    return target


def upload(page: Any, path: Path) -> None:
    page.get_by_label("选择填好的评分表文件").set_input_files(str(path))
    page.get_by_role("button", name="上传并预览修改").click()
    page.wait_for_url("**/sheet-file/preview")


def test_a_station_uploads_its_filled_workbook_after_a_preview(
    site: Site, page: Any, tmp_path: Path
) -> None:
    sheet = open_next_quarter(site, page)
    path = download(page, tmp_path)
    book = load_workbook(path)
    cells = fill(book, {"1": 1, "2": "1.5", "3": 5})
    book.save(path)

    upload(page, path)
    problems = page.locator("#file-problems").inner_text()
    assert cells["3"] in problems and "满分 2 分" in problems
    assert page.get_by_role("button", name="确认保存以上 2 项修改").count() == 0
    assert_accessible(page)

    fill(book, {"3": 2})
    book.save(path)
    page.goto(sheet)
    upload(page, path)
    changes = page.locator("#file-changes").inner_text()
    assert "第 3 项" in changes and "2 分" in changes
    page.goto(sheet)
    assert page.locator("#sheet-version").inner_text() == "1"  # the preview saved nothing

    upload(page, path)
    page.get_by_role("button", name="确认保存以上 3 项修改").click()
    page.wait_for_url("**done=file*")
    assert page.get_by_role("status").first.inner_text() == "已按上传的表格保存。"
    assert page.get_by_label("第 2 项自评得分").input_value() == "1.5"
    assert total(page) == "4.5"


def test_a_town_downloads_its_villages_sheets_and_uploads_them_on_the_bulk_page(
    site: Site, page: Any, tmp_path: Path
) -> None:
    site.login(page, "town_reviewer", "DEMO-01-01")
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="批量表格").click()
    assert_accessible(page)
    page.get_by_label("考核期间").fill("2023Q2")
    with page.expect_download() as started:
        page.get_by_role("button", name="下载评分表（Excel）").click()
    path = tmp_path / "town.xlsx"
    started.value.save_as(path)
    book = load_workbook(path)
    assert len([s for s in book.worksheets if s.sheet_state == "visible"]) > 1

    page.get_by_label("选择填好的评分表文件").set_input_files(str(path))
    page.get_by_role("button", name="上传并预览修改").click()
    page.wait_for_url("**/sheets/file/preview")
    assert "没有需要保存的修改" in page.get_by_role("status").first.inner_text()
    assert_accessible(page)
