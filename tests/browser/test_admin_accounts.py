"""Administration of accounts: creating one, granting it a role over a new village, and
that account signing in to find its village; refused input said beside its field."""

from __future__ import annotations

from typing import Any

from tests.browser.conftest import Site
from tests.browser.pages import assert_accessible, screenshot

VILLAGE, VILLAGE_NAME = "DEMO-01-01-07", "新桥村"
USERNAME, PASSWORD = "wang-xinqiao", "xinqiao-2024-start"


def register_village(site: Site, page: Any) -> None:
    page.goto(site.url + "/admin/units")
    page.get_by_label("单位编码").fill(VILLAGE)
    page.get_by_label("单位名称").fill(VILLAGE_NAME)
    page.get_by_label("上级单位").select_option("DEMO-01-01")
    page.get_by_role("button", name="登记").click()
    page.wait_for_url(f"**/admin/units/{VILLAGE}?done=registered")


def create_account(page: Any, username: str, name: str, password: str) -> None:
    form = page.get_by_role("region", name="新建账号")
    form.get_by_label("用户名").fill(username)
    form.get_by_label("姓名").fill(name)
    form.get_by_label("初始密码").fill(password)
    form.get_by_role("button", name="新建账号").click()


def test_a_new_account_granted_a_new_village_signs_in_and_sees_it(site: Site, page: Any) -> None:
    site.login(page, "administrator")
    register_village(site, page)
    page.goto(site.url + "/admin/accounts")
    assert_accessible(page)
    create_account(page, USERNAME, "王新桥", PASSWORD)
    page.wait_for_url(f"**/admin/accounts/{USERNAME}?done=created")
    assert "初始密码不会再次显示" in page.get_by_role("status").inner_text()
    assert PASSWORD not in page.content()
    assert "尚无角色" in page.get_by_role("region", name="现有角色").inner_text()
    assert_accessible(page)

    grant = page.get_by_role("region", name="授予角色")
    grant.get_by_label("角色").select_option(label="填报人员")
    grant.get_by_label("单位").select_option(VILLAGE)
    grant.get_by_role("button", name="授予").click()
    assert "已授予角色" in page.get_by_role("status").inner_text()
    grants = page.get_by_role("region", name="现有角色").get_by_role("table").inner_text()
    assert f"填报人员\t{VILLAGE_NAME}（{VILLAGE}）" in grants

    page.goto(site.url + "/admin/accounts")
    row = page.locator(f"#account-{USERNAME}")
    assert row.get_by_role("cell").all_inner_texts()[:4] == [
        USERNAME,
        "王新桥",
        f"填报人员 · {VILLAGE_NAME}（{VILLAGE}）",
        "正常",
    ]
    history = row.get_by_role("link", name=f"{USERNAME}的操作历史")
    assert history.get_attribute("href") == f"/accounts/{USERNAME}/history"
    screenshot(page, "admin-accounts")

    page.get_by_role("button", name="退出").click()
    page.wait_for_url("**/login")
    page.get_by_label("用户名").fill(USERNAME)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(site.url + "/")
    assert f"填报人员 · {VILLAGE_NAME}" in page.locator(".who").inner_text()
    assert f"{VILLAGE_NAME}（{VILLAGE}）" in page.get_by_label("被考核单位").inner_text()


def test_refused_account_input_is_said_beside_its_field(site: Site, page: Any) -> None:
    site.login(page, "administrator")
    page.goto(site.url + "/admin/accounts")
    create_account(page, "Bad Name!", "某人", "short")
    username = page.get_by_role("textbox", name="用户名")
    assert username.get_attribute("aria-invalid") == "true"
    assert "小写字母" in page.locator("#new-username-error").inner_text()
    assert page.locator("#new-password-error").inner_text() == "密码至少 10 个字符。"
    assert page.get_by_label("初始密码").input_value() == ""
    assert_accessible(page)

    create_account(page, "staff-010101", "重名", "long-enough-password")
    assert "staff-010101 已被使用" in page.locator("#new-username-error").inner_text()
    assert "long-enough-password" not in page.content()
    page.goto(site.url + "/admin/accounts")
    assert page.locator("#account-bad").count() == 0
    assert "重名" not in page.get_by_role("table").inner_text()


def test_revoking_and_disabling_need_a_reason_and_end_the_sign_in(site: Site, page: Any) -> None:
    site.login(page, "administrator")
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(site.url + "/admin/accounts/staff-010102")
    held = page.get_by_role("region", name="现有角色")
    held.get_by_role("button", name="收回").click()
    reason = held.get_by_label("收回原因")
    assert reason.get_attribute("aria-invalid") == "true"
    assert "请填写收回原因。" in held.inner_text()
    assert_accessible(page)
    reason.fill("岗位调整")
    held.get_by_role("button", name="收回").click()
    assert "已收回角色" in page.get_by_role("status").inner_text()
    assert "该账号尚无角色" in page.get_by_role("region", name="现有角色").inner_text()

    page.get_by_role("button", name="停用账号").click()
    assert page.locator("#disable-reason-error").inner_text() == "请填写停用原因。"
    assert_accessible(page)
    page.get_by_label("停用原因").fill("人员调离")
    page.get_by_role("button", name="停用账号").click()
    assert "账号已停用，其登录状态已全部失效" in page.get_by_role("status").first.inner_text()
    assert "已停用" in page.get_by_role("region", name="基本情况").inner_text()

    page.get_by_role("button", name="退出").click()
    account = site.demo.account("station_staff", "DEMO-01-01-02")
    page.get_by_label("用户名").fill(account.username)
    page.get_by_label("密码").fill(account.password)
    page.get_by_role("button", name="登录").click()
    assert page.get_by_role("alert").inner_text() == "用户名或密码不正确，或账号已停用。"


def test_resetting_a_password_needs_a_reason_and_signs_the_holder_out(
    site: Site, page: Any, browser: Any
) -> None:
    holder = browser.new_context(locale="zh-CN").new_page()  # the holder's own browser
    account = site.demo.account("station_staff", "DEMO-01-01-03")
    site.login(holder, "station_staff", "DEMO-01-01-03")
    site.login(page, "administrator")
    page.goto(site.url + f"/admin/accounts/{account.username}")
    page.get_by_label("新密码").fill("a-new-start-2024")
    page.get_by_role("button", name="设置新密码").click()
    assert page.locator("#password-reason-error").inner_text() == "请填写重设原因。"
    assert_accessible(page)
    page.get_by_label("新密码").fill("a-new-start-2024")
    page.get_by_label("重设原因").fill("本人忘记密码")
    page.get_by_role("button", name="设置新密码").click()
    assert "原有的会话已失效" in page.get_by_role("status").first.inner_text()
    holder.goto(site.url + "/")
    assert "/login" in holder.url
