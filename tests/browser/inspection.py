"""Steps the seeds' own actors take in the browser: signing in by demo username, opening a
sheet from 新建评分表, acting in a second person's browser, scoring the review layer and
approving from the review queue."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.browser.conftest import VIEWPORT, Site


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


def open_sheet(page: Any, unit: str, rubric: str, period: str) -> str:
    """From the home page's 新建评分表: the new sheet's address."""
    assert rubric in offered(page, "open-rubric")
    page.get_by_label("被考核单位", exact=True).select_option(unit)
    page.get_by_label("评分表", exact=True).select_option(rubric)
    page.get_by_label("考核期间", exact=True).fill(period)
    page.get_by_role("button", name="新建并填写").click()
    page.wait_for_url("**/assessments/*")
    address: str = page.url.split("?")[0]
    return address


def as_another(site: Site, page: Any, username: str, act: Callable[[Any], None]) -> None:
    """`act` in another person's browser, signed in as `username`."""
    context = page.context.browser.new_context(viewport=VIEWPORT, locale="zh-CN")
    try:
        other = context.new_page()
        sign_in_as(site, other, username)
        act(other)
    finally:
        context.close()


def review_score(page: Any, sheet: str, number: str, points: str, reason: str) -> None:
    """Change one item's review-layer score on the sheet, with the reason."""
    page.goto(sheet)
    page.get_by_label(f"第 {number} 项初审得分", exact=True).fill(points)
    page.get_by_label("改分理由（改动初审分数时必填）").fill(reason)
    page.get_by_role("button", name="保存初审评分").click()
    page.wait_for_url("**done=saved*")


def approve_waiting(page: Any, waiting: Any) -> None:
    """Approve the one sheet a row of the review queue shows."""
    assert waiting.count() == 1
    waiting.get_by_role("link", name="验收").click()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="验收通过").click()
    page.wait_for_url("**/review?*")
