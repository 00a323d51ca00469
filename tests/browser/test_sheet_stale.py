"""A page left open while its sheet was submitted in another tab by the same person says
that it was their own submit, not someone else's change."""

from __future__ import annotations

from typing import Any

from tests.browser.conftest import Site
from tests.browser.pages import assert_accessible, screenshot
from tests.browser.test_sheet_unsaved import a_saved_full_sheet, dialogs


def test_a_save_from_a_page_older_than_ones_own_submit_says_so(site: Site, page: Any) -> None:
    sheet = a_saved_full_sheet(site, page)
    other = page.context.new_page()
    other.goto(sheet)
    dialogs(other)
    other.get_by_role("button", name="提交评分表").click()
    other.wait_for_url("**done=submitted*")
    other.close()

    page.get_by_label("第 1 项自评得分").fill("0")
    page.get_by_role("button", name="保存草稿").click()
    said = page.get_by_role("main").inner_text()
    assert "此评分表已由您提交" in said
    assert "他人" not in said
    assert page.locator("#sheet-status").inner_text() == "待验收"
    assert page.get_by_role("region", name="您打开本页之后的修改").is_visible()
    assert_accessible(page)
    screenshot(page, "sheet-stale-own-submit")
