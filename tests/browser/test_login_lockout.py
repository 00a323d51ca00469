"""A clerk who mistypes a password is warned before the last try and told the lock-out in
minutes, beside the form."""

from __future__ import annotations

from typing import Any

from tests.browser.conftest import Site
from tests.browser.pages import assert_accessible, screenshot


def try_password(page: Any, username: str, password: str) -> str:
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    said: str = page.get_by_role("alert").inner_text()
    return said


def test_a_clerk_is_warned_before_the_last_try_and_told_the_lock_out_in_minutes(
    site: Site, page: Any
) -> None:
    page.goto(site.url + "/login")
    for _ in range(3):
        try_password(page, "reviewer-0101", "not-the-password")
    warned = try_password(page, "reviewer-0101", "still-not-it")
    assert warned.endswith("再输错 1 次将锁定 15 分钟。")
    assert_accessible(page)
    screenshot(page, "login-warning")
    try_password(page, "reviewer-0101", "wrong-again")
    assert try_password(page, "reviewer-0101", "wrong-again") == "尝试次数过多，请 15 分钟后再试。"
