"""The sheet beyond one station: a town reviewer scores the review layer beside the station's
self scores (read-only), and two people saving the same sheet: the second is told who
changed what first, and keeps what they typed."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest

from tests.browser.conftest import VIEWPORT, Site
from tests.browser.pages import assert_accessible, screenshot
from tests.browser.people import another_person, sign_in
from web.app import services_of


@pytest.fixture
def other_page(browser: Any) -> Iterator[Any]:
    """A second tab in a browser context of its own (another sign-in, as on another desk)."""
    context = browser.new_context(viewport=VIEWPORT, locale="zh-CN")
    context.set_default_timeout(15_000)
    try:
        yield context.new_page()
    finally:
        context.close()


def test_a_town_reviewer_scores_the_review_layer_beside_the_self_scores(
    site: Site, page: Any
) -> None:
    site.login(page, "town_reviewer", "DEMO-01-02")
    page.get_by_role("region", name="待验收").get_by_role("link").first.click()
    page.wait_for_url("**/assessments/*")
    assert page.locator("#sheet-status").inner_text() == "待验收"
    headers = page.locator("table.sheet thead th").all_inner_texts()
    assert headers[3:5] == ["自评", "初审（填写）"]
    self_cell = page.locator("#item-2 td.layer.self")
    assert self_cell.locator("input").count() == 0  # the station's scores are read-only
    self_score = Decimal(self_cell.inner_text().strip())
    review = page.get_by_label("第 2 项初审得分")
    assert review.input_value() == ""
    assert review.get_attribute("placeholder") == self_cell.inner_text().strip()
    assert page.get_by_role("button", name="提交评分表").count() == 0
    assert_accessible(page)
    screenshot(page, "sheet-review-layers")

    before = Decimal(page.locator("#sheet-total").inner_text())
    review.fill("0.5")
    expected = before - self_score + Decimal("0.5")
    page.wait_for_function(
        f"document.getElementById('sheet-total').textContent === '{expected.normalize():f}'"
    )
    page.get_by_role("button", name="保存初审评分").click()
    assert "请填写理由" in page.locator("#reason-error").inner_text()
    assert page.get_by_label("第 2 项初审得分").input_value() == "0.5"
    assert_accessible(page)

    page.get_by_label("改分理由（改动初审分数时必填）").fill("台账资料不全，核减")
    page.get_by_role("button", name="保存初审评分").click()
    page.wait_for_url("**done=saved*")
    assert page.get_by_label("第 2 项初审得分").input_value() == "0.5"
    assert page.locator('[data-points="2"]').inner_text() == "0.5"
    assert page.locator("#item-2 td.layer.self").inner_text().strip() == f"{self_score:f}"


def test_the_second_to_save_a_sheet_is_told_what_changed_and_keeps_what_they_typed(
    site: Site, page: Any, other_page: Any
) -> None:
    first = site.login(page, "station_staff", "DEMO-01-01-01")
    page.get_by_label("考核期间").fill("2023Q3")
    page.get_by_role("button", name="新建并填写").click()
    page.wait_for_url("**/assessments/*")
    sheet = page.url
    password = another_person(site, "station_staff", "DEMO-01-01-01", "staff-010101-b", "周敏")
    sign_in(site, other_page, "staff-010101-b", password)
    other_page.goto(sheet)

    page.get_by_label("第 1 项自评得分").fill("1")
    other_page.get_by_label("第 1 项自评得分").fill("0.5")  # the same item: a true conflict
    other_page.get_by_label("第 2 项自评得分").fill("2")
    page.get_by_role("button", name="保存草稿").click()
    page.wait_for_url("**done=saved*")
    other_page.get_by_role("button", name="保存草稿").click()

    assert "此评分表已被他人修改" in other_page.locator("main").inner_text()
    changes = other_page.get_by_role("region", name="您读取之后他人所做的修改")
    row = changes.get_by_role("row").nth(1)
    cells = row.get_by_role("cell").all_inner_texts()
    assert cells[1].startswith(first_name(site, first.username))
    assert cells[2:] == ["第 1 项 · 自评", "（空）", "1 分"]
    assert other_page.get_by_label("第 2 项自评得分").input_value() == "2"  # kept
    assert other_page.get_by_label("第 1 项自评得分").input_value() == "0.5"  # kept
    assert_accessible(other_page)

    other_page.get_by_role("button", name="保存草稿").click()
    other_page.wait_for_url("**done=saved*")
    assert other_page.locator('[data-subtotal="（一）"]').inner_text() == "2.5"


def test_two_people_saving_different_items_of_one_sheet_both_save(
    site: Site, page: Any, other_page: Any
) -> None:
    site.login(page, "station_staff", "DEMO-01-01-01")
    page.get_by_label("考核期间").fill("2023Q3")
    page.get_by_role("button", name="新建并填写").click()
    page.wait_for_url("**/assessments/*")
    sheet = page.url
    password = another_person(site, "station_staff", "DEMO-01-01-01", "staff-010101-b", "周敏")
    sign_in(site, other_page, "staff-010101-b", password)
    other_page.goto(sheet)

    page.get_by_label("第 1 项自评得分").fill("1")
    other_page.get_by_label("第 2 项自评得分").fill("2")
    page.get_by_role("button", name="保存草稿").click()
    page.wait_for_url("**done=saved*")
    other_page.get_by_role("button", name="保存草稿").click()
    other_page.wait_for_url("**done=saved*")
    assert other_page.locator('[data-subtotal="（一）"]').inner_text() == "3"


def first_name(site: Site, username: str) -> str:
    """How the pages name an account (its display name)."""
    kaohe = services_of(site.app).kaohe
    name: str = kaohe.accounts.get(username).display_name
    return name
