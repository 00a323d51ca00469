"""The 操作记录表: a regulator reads the audit trail a page at a time on one screen, pages
back to older records and narrows it by the person who acted, the filters staying shown."""

from __future__ import annotations

from typing import Any

from tests.browser.conftest import Site
from tests.browser.pages import assert_accessible, screenshot

ROWS = "table.timeline tbody tr"
WHEN = "table.timeline tbody td.when"


def times(page: Any) -> list[str]:
    found: list[str] = page.locator(WHEN).all_inner_texts()
    return found


def test_a_regulator_pages_through_the_audit_table_on_one_screen(site: Site, page: Any) -> None:
    site.login(page, "city_regulator")
    page.goto(site.url + "/tables/audit")
    assert page.locator(ROWS).count() == 50
    first = times(page)
    assert first == sorted(first, reverse=True)
    wider = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert wider <= 0, f"the page is {wider}px wider than the screen"
    screenshot(page, "table-audit")
    assert_accessible(page)

    with page.expect_navigation():
        page.get_by_role("link", name="更早的记录").click()
    older = times(page)
    assert older and older[0] <= first[-1]
    assert page.get_by_role("link", name="回到最新").is_visible()

    page.get_by_label("操作人用户名").fill("reviewer-0101")
    with page.expect_navigation():
        page.get_by_role("button", name="查询").click()
    assert page.get_by_label("操作人用户名").input_value() == "reviewer-0101"
    people = page.locator("table.timeline tbody td:nth-child(2)").all_inner_texts()
    assert people and all("reviewer-0101" in who for who in people)


def test_an_unknown_actor_is_said_beside_its_field(site: Site, page: Any) -> None:
    site.login(page, "city_regulator")
    page.goto(site.url + "/tables/audit?actor=nobody-here")
    assert "没有用户名为“nobody-here”的账号" in page.locator("#f-actor-error").inner_text()
    assert page.locator(ROWS).count() == 0
