"""Browser tests: Debian's chromium, driven by Playwright, against the service on a copy of
the demo store (loaded once per session, copied for every test so tests never meet).

Set KAOHE_SCREENSHOTS to a folder to keep the screenshots the tests take there
(`make screenshots` writes docs/screenshots/)."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from werkzeug.serving import make_server

from infra.settings import Settings
from tests.integration.web.demo_api import LoadedDemo
from web.app import create_app, projections_of, services_of

CHROMIUM = Path("/usr/bin/chromium")
VIEWPORT = {"width": 1366, "height": 768}


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: str
    unit: str


@dataclass(frozen=True)
class DemoStore:
    folder: Path
    accounts: tuple[DemoAccount, ...]

    def account(self, role: str, unit: str | None = None) -> DemoAccount:
        return next(a for a in self.accounts if a.role == role and (unit is None or a.unit == unit))


@pytest.fixture(scope="session")
def demo_store(loaded_demo: LoadedDemo) -> DemoStore:
    """The session's demo (read models caught up) and its accounts' passwords."""
    accounts = tuple(
        DemoAccount(a.username, a.password, a.role.value, a.unit_code)
        for a in loaded_demo.plan.accounts
    )
    return DemoStore(loaded_demo.folder, accounts)


@dataclass
class Site:
    """The service on its own copy of the demo store, served over HTTP."""

    url: str
    app: Flask
    demo: DemoStore

    def login(self, page: Any, role: str, unit: str | None = None) -> DemoAccount:
        """Sign in through the login page as the demo account of a role (and unit)."""
        account = self.demo.account(role, unit)
        page.goto(self.url + "/login")
        page.get_by_label("用户名").fill(account.username)
        page.get_by_label("密码").fill(account.password)
        page.get_by_role("button", name="登录").click()
        page.wait_for_url(lambda url: "/login" not in url)
        return account


@pytest.fixture
def site(demo_store: DemoStore, tmp_path: Path) -> Iterator[Site]:
    folder = tmp_path / "store"
    shutil.copytree(demo_store.folder, folder)
    settings = Settings.from_env({"KAOHE_DATA_DIR": str(folder)})
    app = create_app(settings, poll_projections=True, config={"KAOHE_SECURE_COOKIES": False})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Site(f"http://127.0.0.1:{server.server_port}", app, demo_store)
    finally:
        server.shutdown()
        thread.join(timeout=10)
        projections_of(app).stop()
        services_of(app).kaohe.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's chromium (installed by `make install`), never a downloaded browser."""
    if not CHROMIUM.exists():
        why = f"{CHROMIUM} is missing: `make install` installs Debian's chromium"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(why)
        pytest.skip(why)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh browser tab the size of an office screen, in Chinese."""
    context = browser.new_context(viewport=VIEWPORT, locale="zh-CN", accept_downloads=True)
    context.set_default_timeout(15_000)
    tab = context.new_page()
    try:
        yield tab
    finally:
        context.close()
