"""Long reasons: every reason field shows its limit and counts what is typed, a reason over
the limit is refused saying so (nothing cut), and the tables that show long reasons keep
their other columns readable at 1366×768."""

from __future__ import annotations

from typing import Any

from application.commands.assessments import ReturnAssessment
from tests.browser.conftest import Site
from tests.browser.pages import assert_accessible, screenshot
from tests.browser.test_review import TOWN, command, settle, submitted_sheet
from tests.browser.test_sheet import open_next_quarter
from tests.unit.application.sending import send
from web.app import services_of

LONG = "台账资料不全，活动记录缺少签到表和照片，请逐项补齐后重新报送。" * 14  # 420 characters


def test_a_reason_shows_its_limit_counts_and_is_refused_whole_when_too_long(
    site: Site, page: Any
) -> None:
    aid = submitted_sheet(site)
    site.login(page, "town_reviewer", TOWN)
    page.goto(f"{site.url}/review/{aid}")
    assert page.locator("#overall-count").inner_text() == "已输入 0 / 1000 字"
    page.get_by_label("退回第3项", exact=True).check()
    reason = page.get_by_label("第3项退回理由", exact=True)
    reason.fill(LONG[:310])
    assert (
        page.locator("#reason-3-count").inner_text() == "已输入 310 字，超出 10 字（最多 300 字）"
    )
    assert reason.input_value() == LONG[:310]  # nothing cut while typing
    page.get_by_role("button", name="退回整改").click()
    page.wait_for_load_state()
    assert (
        "第3项的理由请不超过 300 字（现为 310 字）" in page.locator("#error-summary").inner_text()
    )
    assert page.locator("#sheet-status").inner_text() == "待验收"
    assert page.get_by_label("第3项退回理由", exact=True).input_value() == LONG[:310]
    assert_accessible(page)


def test_the_sheet_reasons_show_their_limit(site: Site, page: Any) -> None:
    open_next_quarter(site, page)
    assert page.locator("#reason-count").inner_text() == "已输入 0 / 2000 字"
    page.get_by_label("备注（可选）").fill("制度上墙照片已补")
    assert page.locator("#reason-count").inner_text() == "已输入 8 / 2000 字"
    assert page.locator("#bonus-58-reason-count").inner_text() == "已输入 0 / 2000 字"
    page.get_by_label("第 1 项自评得分").fill("1")
    page.get_by_label("备注（可选）").fill("长" * 2001)
    page.get_by_role("button", name="保存草稿").click()
    page.wait_for_load_state()
    assert "不超过 2000 字（现为 2001 字）" in page.locator("#reason-error").inner_text()
    assert page.locator("#sheet-version").inner_text() == "1"
    assert_accessible(page)


def test_a_long_reason_leaves_the_unit_and_role_columns_readable(site: Site, page: Any) -> None:
    aid = submitted_sheet(site)
    reviewer = command(site, "town_reviewer", TOWN)
    reason = f"{LONG}；第3项：{LONG[:300]}"
    returned = ReturnAssessment(assessment_id=aid, reason=reason, items=("3",))
    settle(site, send(services_of(site.app).kaohe, reviewer, returned))
    site.login(page, "town_reviewer", TOWN)

    page.goto(site.url + "/review")
    returned = page.get_by_role("region", name="已退回、待重新提交（1）")
    unit = returned.locator("tbody tr").first.locator("td").first
    assert unit.inner_text() == "安中社区"
    assert one_line(unit)
    screenshot(page, "review-queue-long-reason")

    page.goto(f"{site.url}/assessments/{aid}/timeline")
    roles = page.locator("table.timeline tbody td.role").filter(visible=True)
    assert roles.count() > 0
    for i in range(roles.count()):
        cell = roles.nth(i)
        assert cell.bounding_box()["width"] >= 7 * 13, cell.inner_text()
    page.locator("table.timeline").first.scroll_into_view_if_needed()
    screenshot(page, "timeline-long-reason")


def test_a_long_progress_narrative_leaves_the_timeline_readable(site: Site, page: Any) -> None:
    """The city centre's sheet (Zaozhuang) holds progress written as long paragraphs."""
    site.login(page, "station_staff", "DEMO")
    page.locator("a[href$='/timeline']").first.click()
    page.wait_for_url("**/timeline")
    rows = "table.timeline tbody tr:not(.run-summary)"
    items = page.locator(f"{rows} td:nth-child(6)").filter(visible=True)  # 项目 · 层级
    filled = [items.nth(i) for i in range(items.count()) if items.nth(i).inner_text().strip()]
    assert filled
    for cell in filled:
        assert one_line(cell), cell.inner_text()
    links = page.locator(f"{rows} a.moment-link").filter(visible=True)  # 查看此刻
    assert links.count() > 0
    for i in range(links.count()):
        assert links.nth(i).bounding_box()["height"] < 2 * 13, "查看此刻 wraps"
    overflow = page.evaluate(
        "() => { const box = document.querySelector('.sheet-scroll');"
        " return box.scrollWidth - box.clientWidth; }"
    )
    assert overflow <= 0, f"the sheet as of the moment runs {overflow}px past its box"


def one_line(cell: Any) -> bool:
    """Whether a cell's text sits on one line (its height is one line's)."""
    height: float = cell.evaluate(
        "c => { const r = document.createRange(); r.selectNodeContents(c);"
        " return r.getClientRects().length; }"
    )
    return height == 1
