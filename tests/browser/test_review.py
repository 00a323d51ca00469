"""The town's review: the queue of submitted sheets, returning one with a reason per item
(refused, with the error beside the field, until the reasons are there), the station
changing and resubmitting it, the reviewer seeing what changed since the return and
approving; and a stale page that changes nothing."""

from __future__ import annotations

from decimal import Decimal
from typing import Any
from uuid import UUID

from application.actor import Actor
from application.bus import Outcome
from application.commands.accounts import CreateAccount, GrantRole
from application.commands.assessments import OpenAssessment, SaveSheet, ScoreItem, Submit
from domain.account import Role
from domain.entries import ItemEntry
from domain.ids import unit_id
from domain.rules import Kind
from domain.workflow import Layer
from tests.browser.conftest import VIEWPORT, Site
from tests.browser.pages import assert_accessible, screenshot
from tests.browser.people import another_person
from tests.unit.application.sending import Who, send
from web.app import projections_of, services_of

VILLAGE = "DEMO-01-01-01"
TOWN = "DEMO-01-01"
PERIOD = "2023Q3"
RUBRIC = "fengdu-village-station"
PERIOD_WORDS = "2023年第三季度"


def command(site: Site, role: str, unit: str) -> Who:
    account = services_of(site.app).kaohe.accounts.get(site.demo.account(role, unit).username)
    return Who(Actor(account.id, Role(role), unit_id(unit)), "test-review")


def settle(site: Site, outcome: Outcome) -> Outcome:
    projections_of(site.app).wait_for(outcome.position)
    return outcome


def submitted_sheet(site: Site, staff: Who | None = None) -> UUID:
    """The village's sheet for the next quarter, self-scored in full and submitted."""
    kaohe = services_of(site.app).kaohe
    assessments = kaohe.assessments
    staff = staff or command(site, "station_staff", VILLAGE)
    opening = OpenAssessment(
        unit=VILLAGE, rubric="fengdu-village-station", version=1, period=PERIOD
    )
    aid: UUID = send(kaohe, staff, opening).id
    rubric = assessments.rubric_of(assessments.get(aid))
    entries = {
        item.number: ItemEntry(points=item.max_points)
        for item in rubric.items()
        if item.kind is Kind.STANDARD and item.max_points is not None
    }
    send(kaohe, staff, SaveSheet(assessment_id=aid, entries=entries))
    settle(site, send(kaohe, staff, Submit(assessment_id=aid)))
    return aid


def queue_row(page: Any, section: str) -> Any:
    region = page.get_by_role("region", name=section)
    return region.get_by_role("row").filter(has_text="安中社区").filter(has_text=PERIOD_WORDS)


def test_a_town_returns_a_sheet_with_reasons_and_approves_it_after_the_changes(
    site: Site, page: Any
) -> None:
    aid = submitted_sheet(site)
    site.login(page, "town_reviewer", TOWN)
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="待验收").click()
    waiting = queue_row(page, "待验收（1）")
    assert waiting.count() == 1
    assert "首次提交" in waiting.inner_text()
    assert "100" in waiting.inner_text()
    assert_accessible(page)
    screenshot(page, "review-queue")

    waiting.get_by_role("link", name="验收").click()
    assert page.get_by_role("heading", level=1).inner_text() == f"验收：安中社区 · {PERIOD_WORDS}"
    assert page.locator("#sheet-status").inner_text() == "待验收"
    assert_accessible(page)
    screenshot(page, "review-sheet")

    # Nothing ticked and no overall opinion: refused beside the opinion, nothing changed.
    page.get_by_role("button", name="退回整改").click()
    overall = page.get_by_label("总体意见")
    assert overall.get_attribute("aria-invalid") == "true"
    assert "请勾选需要整改的项目" in page.locator("#overall-error").inner_text()
    assert_accessible(page)

    # A ticked item without its reason: refused beside that item's reason.
    page.get_by_label("退回第3项", exact=True).check()
    overall.fill("请按意见整改后重新报送")
    page.get_by_role("button", name="退回整改").click()
    reason = page.get_by_label("第3项退回理由", exact=True)
    assert reason.get_attribute("aria-invalid") == "true"
    assert page.locator("#reason-3-error").inner_text() == "请填写退回第3项的理由。"
    assert page.get_by_label("总体意见").input_value() == "请按意见整改后重新报送"
    assert page.locator("#sheet-status").inner_text() == "待验收"
    assert_accessible(page)

    reason.fill("制度未上墙，请补充照片")
    page.get_by_role("button", name="退回整改").click()
    page.wait_for_url("**/review?*")
    assert page.get_by_role("status").inner_text() == f"已退回：安中社区 {PERIOD_WORDS}。"
    assert queue_row(page, "待验收（0）").count() == 0
    returned = queue_row(page, "已退回、待重新提交（1）")
    assert "请按意见整改后重新报送；第3项：制度未上墙，请补充照片" in returned.inner_text()

    station = page.context.browser.new_context(viewport=VIEWPORT, locale="zh-CN")
    try:
        staff_page = station.new_page()
        site.login(staff_page, "station_staff", VILLAGE)
        resubmit_with_change(site, staff_page, aid)
    finally:
        station.close()

    page.goto(site.url + "/review")
    again = queue_row(page, "待验收（1）")
    assert "退回后重新提交" in again.inner_text()
    again.get_by_role("link", name="验收").click()
    changes = page.get_by_role("region", name="自退回以来的变化")
    lines = changes.get_by_role("row").filter(has_text="第3项")
    assert lines.count() == 1
    assert "自评" in lines.inner_text()
    assert lines.locator("del").inner_text() != lines.locator("ins").inner_text()
    assert "重新提交" not in lines.inner_text()
    assert "提交验收" in changes.inner_text()
    assert page.locator("tr#item-3").get_attribute("class") == "item changed was-returned"
    assert "上次退回：制度未上墙，请补充照片" in page.locator("tr#item-3").inner_text()
    assert_accessible(page)
    screenshot(page, "review-changes")

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="验收通过").click()
    page.wait_for_url("**/review?*")
    assert page.get_by_role("status").inner_text() == f"已验收通过：安中社区 {PERIOD_WORDS}。"
    assert queue_row(page, "待验收（0）").count() == 0
    page.goto(f"{site.url}/review/{aid}")
    assert page.locator("#sheet-status").inner_text() == "已验收"
    assert page.get_by_role("button", name="验收通过").count() == 0


def resubmit_with_change(site: Site, staff_page: Any, aid: UUID) -> None:
    """The station lowers item 3 by one point on its sheet page and submits again."""
    staff_page.goto(f"{site.url}/assessments/{aid}")
    field = staff_page.get_by_label("第 3 项自评得分", exact=True)
    field.fill(str(Decimal(field.input_value()) - 1))
    staff_page.get_by_role("button", name="保存草稿").click()
    staff_page.wait_for_url("**done=saved*")
    staff_page.once("dialog", lambda dialog: dialog.accept())
    staff_page.get_by_role("button", name="提交评分表").click()
    staff_page.wait_for_url("**done=submitted*")


def test_a_page_read_before_someone_else_changed_the_sheet_changes_nothing(
    site: Site, page: Any
) -> None:
    aid = submitted_sheet(site)
    site.login(page, "town_reviewer", TOWN)
    page.goto(f"{site.url}/review/{aid}")
    another_person(site, "town_reviewer", TOWN, "reviewer-0101-b", "周敏")
    kaohe = services_of(site.app).kaohe
    account = kaohe.accounts.get("reviewer-0101-b")
    reviewer = Who(Actor(account.id, Role.TOWN_REVIEWER, unit_id(TOWN)), "test-review")
    points = kaohe.assessments.get(aid).entry(Layer.SELF, "5").points
    assert points is not None
    lower = ItemEntry(points=points - 1)
    change = ScoreItem(assessment_id=aid, number="5", entry=lower, reason="台账资料不全")
    settle(site, send(kaohe, reviewer, change))

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="验收通过").click()
    assert "已被他人修改" in page.get_by_role("alert").first.inner_text()
    assert page.locator("#sheet-status").inner_text() == "待验收"
    assert "初审：台账资料不全" in page.locator("tr#item-5").inner_text()
    assert_accessible(page)


def test_a_county_reads_the_queue_by_period_and_cannot_approve(site: Site, page: Any) -> None:
    submitted_sheet(site)
    site.login(page, "county_auditor", "DEMO-01")
    page.goto(site.url + "/review")
    assert queue_row(page, "待验收（3）").count() == 1
    page.get_by_label("考核期间").select_option(label="2023年第二季度")
    page.get_by_role("button", name="筛选").click()
    waiting = page.get_by_role("region", name="待验收（2）")
    assert "安中社区" not in waiting.inner_text()
    assert page.get_by_label("考核期间").input_value() == "2023Q2"
    assert_accessible(page)
    waiting.get_by_role("link", name="查看").first.click()
    assert page.locator("#sheet-status").inner_text() == "待验收"
    assert page.get_by_role("button", name="验收通过").count() == 0
    assert page.get_by_role("button", name="退回整改").count() == 0
    assert_accessible(page)


def test_nobody_approves_a_sheet_they_submitted_themselves(site: Site, page: Any) -> None:
    kaohe = services_of(site.app).kaohe
    kaohe.setup(
        CreateAccount(username="both-0101", display_name="双岗人员", password="both-0101-password")
    )
    kaohe.setup(GrantRole(username="both-0101", role=Role.STATION_STAFF, unit=VILLAGE))
    settle(site, kaohe.setup(GrantRole(username="both-0101", role=Role.TOWN_REVIEWER, unit=TOWN)))
    account = kaohe.accounts.get("both-0101")
    aid = submitted_sheet(site, Who(Actor(account.id, Role.STATION_STAFF, unit_id(VILLAGE)), "t"))

    page.goto(site.url + "/login")
    page.get_by_label("用户名").fill("both-0101")
    page.get_by_label("密码").fill("both-0101-password")
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(lambda url: "/login" not in url)
    page.goto(f"{site.url}/review/{aid}")
    assert "是您本人提交的" in page.get_by_role("status").inner_text()
    assert page.get_by_role("button", name="验收通过").count() == 0
    assert_accessible(page)

    version = str(kaohe.assessments.get(aid).version)
    form = {"csrf_token": page.evaluate("window.kaohe.csrf()"), "version": version}
    answer = page.request.post(f"{site.url}/review/{aid}/approve", form=form)
    assert answer.status == 403
    assert "是您本人提交的" in answer.text()
    page.reload()
    assert page.locator("#sheet-status").inner_text() == "待验收"
