"""A station whose sheet was returned reads why: the overall opinion at the top of the sheet
and on its home page, and each item's reason beside the item."""

from __future__ import annotations

from typing import Any

from application.commands.assessments import ReturnAssessment
from tests.browser.conftest import Site
from tests.browser.pages import assert_accessible, screenshot
from tests.browser.test_review import PERIOD_WORDS, TOWN, VILLAGE, command, settle, submitted_sheet
from tests.unit.application.sending import send
from web.app import services_of

OVERALL = "台账资料不全，请补齐后重新报送"
REASON_3 = "制度未上墙，请补充照片"
REASON_12 = "活动记录缺少签到表"


def returned_sheet(site: Site) -> Any:
    aid = submitted_sheet(site)
    reviewer = command(site, "town_reviewer", TOWN)
    reason = f"{OVERALL}；第3项：{REASON_3}；第12项：{REASON_12}"
    returned = ReturnAssessment(assessment_id=aid, reason=reason, items=("3", "12"))
    settle(site, send(services_of(site.app).kaohe, reviewer, returned))
    return aid


def test_a_station_reads_why_its_sheet_was_returned(site: Site, page: Any) -> None:
    aid = returned_sheet(site)
    site.login(page, "station_staff", VILLAGE)

    returned = page.get_by_role("region", name="被退回的评分表")
    said = returned.inner_text()
    assert PERIOD_WORDS in said
    assert f"总体意见：{OVERALL}" in said
    assert f"第 3 项：{REASON_3}" in said
    assert "退回人" in said and "镇街验收" in said
    assert_accessible(page)
    screenshot(page, "home-station-returned")

    returned.get_by_role("link", name=f"修改并重新提交 {PERIOD_WORDS}").click()
    page.wait_for_url(f"**/assessments/{aid}")
    top = page.get_by_role("region", name="退回意见")
    assert f"总体意见：{OVERALL}" in top.inner_text()
    assert f"第 12 项：{REASON_12}" in top.inner_text()
    assert page.locator("#item-3 .returned-for").inner_text() == f"退回理由：{REASON_3}"
    assert page.locator("#item-12 .returned-for").inner_text() == f"退回理由：{REASON_12}"
    assert page.locator("#item-4 .returned-for").count() == 0
    assert_accessible(page)
    top.get_by_role("link", name="第 3 项").click()
    assert page.evaluate("location.hash") == "#item-3"
    screenshot(page, "sheet-returned-item")
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "sheet-returned")
