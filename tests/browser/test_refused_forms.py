"""After a refused form the page agrees with itself: the points, subtotals and total count
what the boxes show, and a summary at the top names each field to fix and leads to it."""

from __future__ import annotations

from typing import Any

from tests.browser.conftest import Site
from tests.browser.pages import assert_accessible, screenshot
from tests.browser.test_review import TOWN, submitted_sheet
from tests.browser.test_sheet import open_next_quarter, subtotal, total


def test_a_refused_save_scores_what_the_boxes_show_and_sums_up_its_errors(
    site: Site, page: Any
) -> None:
    open_next_quarter(site, page)
    page.get_by_label("第 1 项自评得分").fill("1")
    page.get_by_label("第 2 项自评得分").fill("1.5")
    page.get_by_label("第 3 项自评得分").fill("5")
    page.get_by_role("button", name="保存草稿").click()
    page.wait_for_load_state()

    summary = page.locator("#error-summary")
    assert "本次未保存任何内容" in summary.inner_text()
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert page.get_by_label("第 2 项自评得分").input_value() == "1.5"
    assert page.locator('[data-points="2"]').inner_text() == "1.5"
    assert subtotal(page, "（一）") == "2.5"
    assert total(page) == "2.5"
    assert page.locator('.sheet-head [data-sum="total"]').inner_text() == "2.5"
    assert_accessible(page)
    screenshot(page, "sheet-refused-save")

    summary.get_by_role("link", name="第 3 项得分：超出分值范围", exact=False).click()
    assert page.evaluate("document.activeElement.id") == "points-3"


def test_a_refused_return_sums_up_its_errors_at_the_top(site: Site, page: Any) -> None:
    aid = submitted_sheet(site)
    site.login(page, "town_reviewer", TOWN)
    page.goto(f"{site.url}/review/{aid}")
    page.get_by_label("退回第3项", exact=True).check()
    page.get_by_label("退回第12项", exact=True).check()
    page.get_by_label("第12项退回理由", exact=True).fill("活动记录缺少签到表")
    page.get_by_role("button", name="退回整改").click()
    page.wait_for_load_state()

    summary = page.locator("#error-summary")
    assert summary.is_visible()
    assert summary.bounding_box()["y"] < 300  # at the top, where the page opens
    assert "未退回：有 1 处需要修改" in summary.inner_text()
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert_accessible(page)
    screenshot(page, "review-refused-return")
    summary.get_by_role("link", name="请填写退回第3项的理由。").click()
    assert page.evaluate("document.activeElement.id") == "reason-3"
    assert page.get_by_label("第12项退回理由", exact=True).input_value() == "活动记录缺少签到表"
