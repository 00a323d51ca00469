"""Nothing typed is lost: submitting saves the scores typed and not yet saved (or refuses,
naming what is typed in a small form and not yet sent), and leaving a page with unsaved
changes asks first."""

from __future__ import annotations

from typing import Any

from tests.browser.conftest import Site
from tests.browser.pages import assert_accessible, screenshot
from tests.browser.test_sheet import open_next_quarter, total


def a_saved_full_sheet(site: Site, page: Any) -> str:
    """The next quarter's sheet with every item scored in full and saved as a draft."""
    url = open_next_quarter(site, page)
    for score in page.locator("input.score").all():
        score.fill(score.evaluate("e => e.closest('tr').children[2].textContent.trim()"))
    page.get_by_label("第 60 项自评得分").fill("0")
    page.get_by_role("button", name="保存草稿").click()
    page.wait_for_url("**done=saved*")
    return url


def dialogs(page: Any) -> list[str]:
    """The kinds of dialog the page asks, each accepted."""
    asked: list[str] = []

    def accept(dialog: Any) -> None:
        asked.append(dialog.type)
        dialog.accept()

    page.on("dialog", accept)
    return asked


def test_submitting_saves_the_score_typed_and_not_yet_saved(site: Site, page: Any) -> None:
    a_saved_full_sheet(site, page)
    assert total(page) == "100"
    page.get_by_label("第 57 项自评得分").fill("0.5")
    page.wait_for_function("document.getElementById('sheet-total').textContent === '99.5'")
    asked = dialogs(page)
    page.get_by_role("button", name="提交评分表").click()
    page.wait_for_url("**done=submitted*")
    assert asked == ["confirm"]
    assert page.locator("#sheet-status").inner_text() == "待验收"
    assert page.locator("#item-57 td.layer").inner_text().strip() == "0.5"
    assert total(page) == "99.5"


def test_submitting_with_a_wrong_typed_score_submits_nothing(site: Site, page: Any) -> None:
    url = a_saved_full_sheet(site, page)
    page.get_by_label("第 3 项自评得分").fill("5")
    dialogs(page)
    page.get_by_role("button", name="提交评分表").click()
    assert "未提交" in page.get_by_role("alert").first.inner_text()
    assert "满分 2 分" in page.locator("#points-3-error").inner_text()
    assert page.get_by_label("第 3 项自评得分").input_value() == "5"
    assert page.locator("#sheet-status").inner_text() == "未提交"
    assert_accessible(page)
    page.goto(url)
    assert page.get_by_label("第 3 项自评得分").input_value() == "2"


def test_submitting_with_a_bonus_typed_and_not_claimed_names_it_and_submits_nothing(
    site: Site, page: Any
) -> None:
    a_saved_full_sheet(site, page)
    asked = dialogs(page)
    page.locator("#item-58").get_by_label("加分事项").fill("老兵之家")
    page.get_by_role("button", name="提交评分表").click()
    summary = page.locator("#error-summary")
    summary.wait_for()
    assert "未提交" in summary.inner_text()
    link = summary.get_by_role(
        "link", name="第 58 项「加分事项」已填写，但尚未点“申报加分”", exact=False
    )
    assert link.count() == 1
    assert asked == []
    assert page.locator("#sheet-status").inner_text() == "未提交"
    assert page.evaluate("document.activeElement.id") == "error-summary"
    screenshot(page, "sheet-submit-unsaved-bonus")
    link.click()
    assert page.evaluate("document.activeElement.id") == "bonus-58-matter"


def test_leaving_a_page_with_typed_changes_asks_first(site: Site, page: Any) -> None:
    a_saved_full_sheet(site, page)
    asked = dialogs(page)
    page.goto(site.url + "/")  # nothing typed since the save: no question
    assert asked == []
    page.go_back()
    page.get_by_label("第 1 项自评得分").click()
    page.keyboard.press("Backspace")
    page.keyboard.type("0")
    page.goto(site.url + "/")
    assert asked == ["beforeunload"]
