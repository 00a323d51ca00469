"""Another person at a unit besides the demo's own account, for a test to act as."""

from __future__ import annotations

from typing import Any

from application.commands.accounts import CreateAccount, GrantRole
from domain.account import Role
from tests.browser.conftest import Site
from web.app import projections_of, services_of


def another_person(site: Site, role: str, unit: str, username: str, name: str) -> str:
    """A new account holding `role` over `unit`; its password (its username + '-password')."""
    kaohe = services_of(site.app).kaohe
    password = f"{username}-password"
    kaohe.setup(CreateAccount(username=username, display_name=name, password=password))
    granted = kaohe.setup(GrantRole(username=username, role=Role(role), unit=unit))
    projections_of(site.app).wait_for(granted.position)
    return password


def sign_in(site: Site, page: Any, username: str, password: str) -> None:
    page.goto(site.url + "/login")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(lambda url: "/login" not in url)
