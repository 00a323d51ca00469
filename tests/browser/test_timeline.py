"""The audit timeline: a regulator replays a returned and resubmitted village sheet with the
time slider (by keyboard, and without JavaScript), reads who did what and why; a station is
refused another village's timeline, and the refusal shows in its account's history; a unit's
history lists its own events and its subtree's trail, filtered and paged."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from uuid import UUID

from playwright.sync_api import expect

from infra.demo.loader import RETURN_REASON
from infra.demo.signal_cases import TOWN
from projections.scores import SheetFilter
from tests.browser.conftest import Site
from tests.browser.pages import assert_accessible, screenshot
from web.app import projections_of

SIGNAL_TOWN = f"DEMO-01-{TOWN[0]}-"


@dataclass(frozen=True)
class Replayed:
    """A demo village sheet the town changed in review, then returned; it was resubmitted."""

    aid: UUID
    unit_code: str
    events: int
    review_change: int
    item: str
    self_points: str
    review_points: str

    def url(self, site: Site) -> str:
        return f"{site.url}/assessments/{self.aid}/timeline"


def number(text: str) -> str:
    return format(Decimal(text).normalize(), "f")


def returned_sheet(site: Site) -> Replayed:
    scores = projections_of(site.app).scores()
    units = projections_of(site.app).units()
    for row in scores.sheets(SheetFilter(period="2023Q2")):
        unit = units.unit(row.head.unit_id)
        if unit is None or unit.code.startswith(SIGNAL_TOWN):
            continue  # 石门镇's returns give their own reasons
        changes = scores.histories([row.assessment_id])[row.assessment_id]
        review = [c for c in changes if c.layer == "review" and c.entry and "points" in c.entry]
        if "Returned" not in [c.event for c in changes] or not review:
            continue
        item = review[0].item or ""
        before = scores.sheet(row.assessment_id, as_of=review[0].position - 1)
        assert before is not None
        return Replayed(
            row.assessment_id,
            unit.code,
            len(changes),
            review[0].version,
            item,
            number(before.layers["self"][item]["points"]),
            number(review[0].entry["points"]),
        )
    raise AssertionError("the demo has no returned sheet changed in review")


def item_cells(page: Any, item: str) -> tuple[str, str]:
    """The 初审 (review) and 计分 (counting) cells of an item on the sheet shown."""
    row = page.locator(f"#sheet-at #item-{item}")
    return row.locator("td.entry").nth(1).inner_text(), row.locator("td.counts").inner_text()


def test_a_regulator_moves_the_time_slider_to_before_the_review_change(
    site: Site, page: Any
) -> None:
    sheet = returned_sheet(site)
    site.login(page, "city_regulator")
    page.goto(sheet.url(site))
    returned = page.locator("table.events tbody tr").filter(
        has=page.locator("td.what").get_by_text("退回", exact=True)
    )
    assert RETURN_REASON in returned.inner_text()
    assert "审核人员" in returned.inner_text()
    assert "2023-04" in returned.locator("td.when").inner_text()
    heading = page.locator("#moment-heading")
    assert f"第 {sheet.events} 个事件" in heading.inner_text()
    review, counting = item_cells(page, sheet.item)
    assert review == f"{sheet.review_points} 分"
    assert counting.startswith(sheet.review_points) and "初审" in counting
    assert_accessible(page)
    screenshot(page, "timeline-assessment")

    slider = page.get_by_label("时刻")
    slider.focus()
    slider.press("End")
    for _ in range(sheet.events - sheet.review_change + 1):
        slider.press("ArrowLeft")
    expect(heading).to_contain_text(f"第 {sheet.review_change - 1} 个事件")
    review, counting = item_cells(page, sheet.item)
    assert review == ""
    assert counting.startswith(sheet.self_points) and "自评" in counting
    assert page.locator("#event-number").inner_text() == str(sheet.review_change - 1)
    assert_accessible(page)

    slider.press("End")
    expect(heading).to_contain_text(f"第 {sheet.events} 个事件")
    review, counting = item_cells(page, sheet.item)
    assert review == f"{sheet.review_points} 分"
    assert counting.startswith(sheet.review_points) and "初审" in counting


def test_without_javascript_the_slider_form_and_event_links_show_the_sheet_then(
    site: Site, browser: Any
) -> None:
    sheet = returned_sheet(site)
    context = browser.new_context(
        viewport={"width": 1366, "height": 768}, java_script_enabled=False
    )
    page = context.new_page()
    try:
        site.login(page, "city_regulator")
        page.goto(sheet.url(site))
        page.get_by_label("时刻").fill(str(sheet.review_change - 1))
        page.get_by_role("button", name="查看").click()
        page.wait_for_url(f"**event={sheet.review_change - 1}*")
        assert (
            f"第 {sheet.review_change - 1} 个事件" in page.locator("#moment-heading").inner_text()
        )
        assert item_cells(page, sheet.item)[1].startswith(sheet.self_points)
        change = page.locator(f"#event-{sheet.review_change}")
        # The reviewer's first change shows the self score it overrode, and its layer.
        overridden = change.locator(".diff del").inner_text()
        assert overridden.startswith(sheet.self_points)
        assert "（自评）" in change.locator(".diff").inner_text()
        change.get_by_role("link", name="查看此刻").click()
        page.wait_for_url(f"**event={sheet.review_change}*")
        assert item_cells(page, sheet.item)[1].startswith(sheet.review_points)
        assert page.locator(f"#sheet-at #item-{sheet.item}").get_attribute("class") == "changed"
    finally:
        context.close()


def test_a_station_is_refused_another_villages_timeline_and_the_refusal_is_kept(
    site: Site, page: Any
) -> None:
    sheet = returned_sheet(site)
    staff = site.login(page, "station_staff", "DEMO-01-01-01")
    assert not sheet.unit_code.startswith("DEMO-01-01-01")
    response = page.goto(sheet.url(site))
    assert response is not None and response.status == 403
    assert page.get_by_role("heading", level=1).inner_text() == "无权执行此操作"
    assert RETURN_REASON not in page.content()

    page.context.clear_cookies()
    site.login(page, "city_regulator")
    page.goto(f"{site.url}/accounts/{staff.username}/history")
    own = page.get_by_role("region", name="账号事件")
    denied = own.locator("tbody tr", has_text="拒绝访问")
    assert "查看评分表" in denied.first.inner_text()
    assert "不在该账号授权的单位范围内" in denied.first.inner_text()
    assert not re.search(r"[0-9a-f]{8}-|outside", own.inner_text())
    granted = own.locator("tbody tr", has_text="授予角色")
    assert "填报人员" in granted.inner_text()
    did = page.get_by_role("region", name="该账号的操作")
    assert did.locator("tbody tr").count() > 0
    assert_accessible(page)
    screenshot(page, "timeline-account")
    did.locator("tbody tr", has_text="打分").first.get_by_role("link", name="时间线").click()
    page.wait_for_url("**/timeline?event=*")
    assert "DEMO-01-01-01" in page.get_by_role("heading", level=1).inner_text()


def test_a_unit_history_lists_its_own_events_and_its_subtrees_trail(site: Site, page: Any) -> None:
    site.login(page, "city_regulator")
    page.goto(f"{site.url}/units/DEMO-01-01/history")
    own = page.get_by_role("region", name="单位档案变更")
    assert own.locator("tbody tr", has_text="登记单位").count() == 1
    trail = page.get_by_role("region", name="本单位及下级单位的审计记录")
    first_page = trail.locator("tbody tr")
    assert first_page.count() == 50
    assert_accessible(page)
    screenshot(page, "timeline-unit")
    newest = first_page.first.locator("td.hash").inner_text()
    trail.get_by_role("link", name="更早的记录").click()
    page.wait_for_url("**before=*")
    assert trail.locator("tbody tr").first.locator("td.hash").inner_text() != newest

    reviewer = site.demo.account("town_reviewer", "DEMO-01-01")
    page.get_by_label("操作人用户名").fill(reviewer.username)
    page.get_by_role("button", name="筛选").click()
    page.wait_for_url(f"**actor={reviewer.username}*")
    rows = trail.locator("tbody tr")
    assert rows.count() > 0
    assert all(reviewer.username in text for text in rows.all_inner_texts())

    page.get_by_label("操作人用户名").fill("nobody-here")
    page.get_by_role("button", name="筛选").click()
    page.wait_for_url("**actor=nobody-here*")
    assert page.get_by_label("操作人用户名").get_attribute("aria-invalid") == "true"
    assert "nobody-here" in page.locator("#actor-error").inner_text()
    assert trail.locator("tbody tr").count() == 0
    assert_accessible(page)
