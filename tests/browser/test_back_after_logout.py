"""Back after 退出 on a shared office computer shows the sign-in page, never the previous
user's page from the browser's cache."""

from __future__ import annotations

from typing import Any

from tests.browser.conftest import Site


def test_back_after_signing_out_asks_for_a_login_instead_of_showing_the_old_page(
    site: Site, page: Any
) -> None:
    site.login(page, "station_staff", "DEMO-01-01-01")
    assert page.get_by_role("heading", name="本单位的全部评分表").is_visible()
    page.get_by_role("button", name="退出").click()
    page.wait_for_url("**/login")
    page.go_back()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="登录考核系统").is_visible()
    assert page.get_by_role("heading", name="本单位的全部评分表").count() == 0
