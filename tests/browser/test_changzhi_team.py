"""Seed 001's inspection by a group of two on Changzhi v3: the leader opens a county centre's
sheet, extends its closed window, gives section 一 to the other inspector and keeps 二; the
inspector may score only section 一; the leader cannot approve what he scored alone, and
approves once the inspector has scored; the sheet and its audit trail show who did what."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from domain.china_time import china_day
from tests.browser.conftest import VIEWPORT, Site
from tests.browser.inspection import offered, sign_in_as
from tests.browser.pages import assert_accessible
from tests.browser.test_changzhi_inspection import self_check
from web.app import services_of

COUNTY, COUNTY_NAME = "DEMO-01", "桥安县"
CHANGZHI_V3 = "changzhi-county-centre:3"


def inspection_period(today: date) -> str:
    """The latest year whose sheets have opened (v3 opens them on 5 September)."""
    return str(today.year if today >= date(today.year, 9, 5) else today.year - 1)


def review_score(page: Any, number: str, points: str) -> None:
    """Score on the open sheet (refused or saved: the caller waits for what it expects)."""
    page.get_by_label(f"第 {number} 项初审得分", exact=True).fill(points)
    page.get_by_label("改分理由（改动初审分数时必填）").fill("现场检查台账")
    page.get_by_role("button", name="保存初审评分").click()


def test_a_group_of_two_inspects_on_assigned_sections_and_the_leader_approves(
    site: Site, page: Any
) -> None:
    today = china_day(services_of(site.app).kaohe.runner.clock.now())
    period = inspection_period(today)
    sign_in_as(site, page, "inspector-01")
    assert CHANGZHI_V3 in offered(page, "open-rubric")
    page.get_by_label("被考核单位", exact=True).select_option(COUNTY)
    page.get_by_label("评分表", exact=True).select_option(CHANGZHI_V3)
    page.get_by_label("考核期间", exact=True).fill(period)
    page.get_by_role("button", name="新建并填写").click()
    page.wait_for_url("**/assessments/*")
    sheet = page.url.split("?")[0]
    leader = page.locator("#team-leader").inner_text()

    # The inspection week has passed: the leader extends the window for the centre.
    page.get_by_label("延长后的截止日").fill((today + timedelta(days=7)).isoformat())
    page.get_by_label("延长理由").fill("县中心自查材料需补充，延长一周")
    page.get_by_role("button", name="延长期限").click()
    page.wait_for_url("**done=extended*")
    assert "延长期限至" in page.locator(".sheet-head").inner_text()

    page.get_by_label("检查人员用户名").fill("inspector-02")
    page.get_by_label("一 组织领导").check()
    page.get_by_role("button", name="分配评分部分").click()
    page.wait_for_url("**done=assigned*")
    page.get_by_label("检查人员用户名").fill("inspector-01")
    page.get_by_label("二 机构建设").check()
    page.get_by_role("button", name="分配评分部分").click()
    page.wait_for_url("**done=assigned*")
    assigned = page.locator("#team-assigned").inner_text()
    assert "组织领导" in assigned and "机构建设" in assigned and leader in assigned
    assert_accessible(page)

    centre = page.context.browser.new_context(viewport=VIEWPORT, locale="zh-CN")
    try:
        staff = centre.new_page()
        sign_in_as(site, staff, "centre-01")
        self_check(staff, sheet, version=3)
    finally:
        centre.close()

    page.goto(sheet)
    review_score(page, "14", "1")
    page.wait_for_url("**done=saved*")
    page.goto(site.url + "/review")
    page.get_by_role("row").filter(has_text=COUNTY_NAME).get_by_role("link", name="验收").click()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="验收通过").click()
    assert "独自评分" in page.locator("main").inner_text()

    member = page.context.browser.new_context(viewport=VIEWPORT, locale="zh-CN")
    try:
        inspector = member.new_page()
        sign_in_as(site, inspector, "inspector-02")
        inspector.goto(sheet)
        review_score(inspector, "15", "1")  # section 二 is the leader's
        refusal = inspector.get_by_role("alert").first.inner_text()
        assert "机构建设" in refusal and leader in refusal
        inspector.goto(sheet)
        review_score(inspector, "1", "1")
        inspector.wait_for_url("**done=saved*")
        member_name = inspector.locator("#item-1 .scored-by").inner_text()
        assert member_name.startswith("评分人：") and leader not in member_name
    finally:
        member.close()

    page.goto(site.url + "/review")
    page.get_by_role("row").filter(has_text=COUNTY_NAME).get_by_role("link", name="验收").click()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="验收通过").click()
    page.wait_for_url("**/review?*")

    page.goto(sheet)
    assert page.locator("#sheet-status").inner_text() == "已验收"
    assert page.locator("#item-14 .scored-by").inner_text() == f"评分人：{leader}"
    page.goto(sheet + "/timeline")
    trail = page.locator("main").inner_text()
    assert "分配评分部分" in trail and "延长期限" in trail
