"""发起考核 in the browser: the city's inspection group opens a year's Changzhi sheets for
all its county centres at once, and a centre's staff find theirs on their home page."""

from __future__ import annotations

from typing import Any

from tests.browser.conftest import VIEWPORT, Site
from tests.browser.inspection import sign_in_as
from tests.browser.pages import assert_accessible

ROUND = "DEMO|changzhi-county-centre:2"


def test_the_inspection_group_opens_a_round_and_a_centre_sees_its_sheet(
    site: Site, page: Any
) -> None:
    sign_in_as(site, page, "inspector-01")
    page.get_by_role("link", name="发起考核").click()
    page.get_by_label("考核范围与评分表").select_option(ROUND)
    page.get_by_label("考核期间").fill("2030")
    page.get_by_role("button", name="发起考核").click()
    page.wait_for_url("**opened=*")
    assert "已为 3 个单位新建2030年度的评分表" in page.locator("main").inner_text()
    assert_accessible(page)

    page.get_by_label("考核期间").fill("2030")
    page.get_by_role("button", name="发起考核").click()
    refused = page.locator("#round-period-error").inner_text()
    assert "都已有2030年度的这份评分表" in refused

    centre = page.context.browser.new_context(viewport=VIEWPORT, locale="zh-CN")
    try:
        staff = centre.new_page()
        sign_in_as(site, staff, "centre-02")
        to_fill = staff.locator("section", has=staff.get_by_role("heading", name="待填报的评分表"))
        assert "2030年度" in to_fill.inner_text()
    finally:
        centre.close()


def test_a_station_is_not_offered_a_round(site: Site, page: Any) -> None:
    site.login(page, "station_staff")
    assert page.get_by_role("link", name="发起考核").count() == 0
    page.goto(site.url + "/rounds")
    assert "不负责发起考核" in page.locator("main").inner_text()
