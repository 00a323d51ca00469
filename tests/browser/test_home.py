"""Signing in, and the home page of each role showing what waits for it."""

from __future__ import annotations

from typing import Any

from tests.browser.conftest import Site
from tests.browser.pages import assert_accessible, screenshot


def test_an_anonymous_visitor_is_sent_to_sign_in_and_then_back(site: Site, page: Any) -> None:
    page.goto(site.url + "/review")
    assert "/login" in page.url
    assert_accessible(page)
    screenshot(page, "login")
    account = site.demo.account("town_reviewer")
    page.get_by_label("用户名").fill(account.username)
    page.get_by_label("密码").fill(account.password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(site.url + "/review")


def test_a_wrong_password_is_said_beside_the_form_and_signs_nobody_in(
    site: Site, page: Any
) -> None:
    page.goto(site.url + "/login")
    page.get_by_label("用户名").fill("reviewer-0101")
    page.get_by_label("密码").fill("not-the-password")
    page.get_by_role("button", name="登录").click()
    assert page.get_by_role("alert").inner_text() == "用户名或密码不正确，或账号已停用。"
    assert page.get_by_label("用户名").get_attribute("aria-invalid") == "true"
    assert_accessible(page)
    page.goto(site.url + "/")
    assert "/login" in page.url


def test_a_station_sees_its_sheets_and_opens_the_next_quarter(site: Site, page: Any) -> None:
    site.login(page, "station_staff", "DEMO-01-01-01")
    assert page.get_by_role("heading", name="本单位的全部评分表").is_visible()
    assert page.get_by_role("navigation", name="主导航").get_by_role("link").all_inner_texts() == [
        "首页",
        "整改台账",
        "统计报表",
    ]
    assert_accessible(page)
    screenshot(page, "home-station")
    page.get_by_label("考核期间").fill("2023Q9")
    page.get_by_role("button", name="新建并填写").click()
    error = page.locator("#open-period-error")
    assert "2023Q9" in error.inner_text()
    assert page.get_by_label("考核期间").get_attribute("aria-invalid") == "true"
    assert_accessible(page)
    page.get_by_label("考核期间").fill("2023Q3")
    page.get_by_role("button", name="新建并填写").click()
    page.wait_for_url("**/assessments/*")
    page.goto(site.url + "/")
    to_fill = page.get_by_role("region", name="待填报的评分表")
    assert "2023年第三季度" in to_fill.inner_text()


def test_a_town_reviewer_sees_the_sheets_waiting_for_review(site: Site, page: Any) -> None:
    site.login(page, "town_reviewer", "DEMO-01-01")
    waiting = page.get_by_role("region", name="待验收")
    assert waiting.get_by_role("heading").inner_text().startswith("待验收（")
    assert_accessible(page)
    screenshot(page, "home-town")


def test_a_county_auditor_sees_overdue_tasks_highlighted(site: Site, page: Any) -> None:
    site.login(page, "county_auditor", "DEMO-01")
    tasks = page.get_by_role("region", name="本周到期与已逾期的任务")
    overdue = tasks.locator("tr.overdue")
    assert overdue.count() > 0
    assert "已逾期" in overdue.first.inner_text()
    assert_accessible(page)
    screenshot(page, "home-county")


def test_a_regulator_starts_from_the_sheets_changed_last(site: Site, page: Any) -> None:
    site.login(page, "city_regulator")
    recent = page.get_by_role("region", name="最近有变化的评分表")
    rows = recent.locator("tbody tr")
    assert rows.count() == 10
    times = [rows.nth(i).locator("td").nth(6).inner_text() for i in range(rows.count())]
    assert times == sorted(times, reverse=True)
    assert_accessible(page)
    screenshot(page, "home-city")
    rows.first.get_by_role("link", name="时间线").click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("审计时间线")


def test_an_administrator_starts_from_the_administration(site: Site, page: Any) -> None:
    site.login(page, "administrator")
    page.get_by_role("region", name="系统管理").get_by_role("link", name="账号管理").click()
    page.wait_for_url("**/admin/accounts")
    assert_accessible(page)
