"""Seed 001's inspection, by the actors its notice names: the city's inspection group opens a
county centre's sheet, the centre's own staff self-check and submit it, an inspector scores
it, the group's leader approves it, and the city's Annex 2 shows it."""

from __future__ import annotations

from typing import Any

from domain.rules import Kind
from infra.rubric_files import find_builtin_rubric
from tests.browser.conftest import VIEWPORT, Site
from tests.browser.pages import assert_accessible
from tests.browser.test_reports import ask, on_screen

COUNTY, COUNTY_NAME, PERIOD = "DEMO-01", "桥安县", "2024"
CHANGZHI_V2 = "changzhi-county-centre:2"


def sign_in_as(site: Site, browser_page: Any, username: str) -> None:
    account = next(a for a in site.demo.accounts if a.username == username)
    browser_page.goto(site.url + "/login")
    browser_page.get_by_label("用户名").fill(account.username)
    browser_page.get_by_label("密码").fill(account.password)
    browser_page.get_by_role("button", name="登录").click()
    browser_page.wait_for_url(lambda url: "/login" not in url)


def offered(page: Any, select: str) -> list[str]:
    values: list[str] = page.locator(f"#{select} option").evaluate_all(
        "options => options.map(o => o.value)"
    )
    return values


def self_check(page: Any, sheet: str, version: int = 2) -> None:
    """The centre's staff score every standard and special item in full and submit."""
    rubric = find_builtin_rubric("changzhi-county-centre", version)
    assert rubric is not None
    page.goto(sheet)
    for item in rubric.items():
        if item.kind in (Kind.STANDARD, Kind.SPECIAL) and item.max_points is not None:
            page.get_by_label(f"第 {item.number} 项自评得分", exact=True).fill(str(item.max_points))
    page.get_by_role("button", name="保存草稿").click()
    page.wait_for_url("**done=saved*")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="提交评分表").click()
    page.wait_for_url("**done=submitted*")


def test_the_city_inspects_a_county_centre_and_annex_2_shows_it(site: Site, page: Any) -> None:
    sign_in_as(site, page, "inspector-01")
    assert CHANGZHI_V2 in offered(page, "open-rubric")
    assert COUNTY in offered(page, "open-unit")
    page.get_by_label("被考核单位", exact=True).select_option(COUNTY)
    page.get_by_label("评分表", exact=True).select_option(CHANGZHI_V2)
    page.get_by_label("考核期间", exact=True).fill(PERIOD)
    page.get_by_role("button", name="新建并填写").click()
    page.wait_for_url("**/assessments/*")
    sheet = page.url

    centre = page.context.browser.new_context(viewport=VIEWPORT, locale="zh-CN")
    try:
        staff = centre.new_page()
        sign_in_as(site, staff, "centre-01")
        assert CHANGZHI_V2 not in offered(staff, "open-rubric")  # the city opens these
        self_check(staff, sheet)
    finally:
        centre.close()

    member = page.context.browser.new_context(viewport=VIEWPORT, locale="zh-CN")
    try:
        inspector = member.new_page()
        sign_in_as(site, inspector, "inspector-02")
        inspector.goto(sheet)
        inspector.get_by_label("第 1 项初审得分", exact=True).fill("1")
        inspector.get_by_label("改分理由（改动初审分数时必填）").fill("领导小组会议记录不全")
        inspector.get_by_role("button", name="保存初审评分").click()
        inspector.wait_for_url("**done=saved*")
    finally:
        member.close()

    page.goto(site.url + "/review")
    waiting = page.get_by_role("row").filter(has_text=COUNTY_NAME)
    assert waiting.count() == 1
    assert_accessible(page)
    waiting.get_by_role("link", name="验收").click()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="验收通过").click()
    page.wait_for_url("**/review?*")

    page.goto(site.url + "/tables/county-summary")
    ask(page, "DEMO", PERIOD)
    [table] = on_screen(page)
    [row] = [r for r in table["rows"] if r[0] == COUNTY_NAME]
    assert row[-1] == "已验收"
    assert row[-3] == "20"  # the special items in their own column
    assert row[-2] == "119"  # one point off item 1 on inspection
