"""Administration of the unit hierarchy: registering a village under a town, its contact,
moving it, and forms that refuse bad input beside the field and change nothing."""

from __future__ import annotations

from typing import Any

from tests.browser.conftest import Site
from tests.browser.pages import assert_accessible, screenshot

VILLAGE = "DEMO-01-01-07"


def register(page: Any, code: str, name: str, parent: str) -> None:
    page.get_by_label("单位编码").fill(code)
    page.get_by_label("单位名称").fill(name)
    page.get_by_label("上级单位").select_option(parent)
    page.get_by_role("button", name="登记").click()


def test_an_administrator_registers_a_village_and_sets_its_contact(site: Site, page: Any) -> None:
    site.login(page, "administrator")
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="系统管理").click()
    assert page.get_by_role("heading", level=1).inner_text() == "系统管理"
    assert_accessible(page)
    page.get_by_role("navigation", name="系统管理").get_by_role("link", name="单位").click()
    page.wait_for_url("**/admin/units")
    register(page, VILLAGE, "新桥村", "DEMO-01-01")
    page.wait_for_url(f"**/admin/units/{VILLAGE}?done=registered")
    assert "单位已登记" in page.get_by_role("status").inner_text()
    facts = page.get_by_role("region", name="基本情况")
    assert "村（社区、嘎查）" in facts.inner_text()
    assert "南丰乡（DEMO-01-01）" in facts.inner_text()
    assert_accessible(page)

    contact = page.get_by_role("region", name="联系人和联系电话")
    contact.get_by_label("联系人").fill("王小明")
    contact.get_by_label("联系电话").fill("电话123")
    contact.get_by_role("button", name="保存联系人").click()
    phone = page.get_by_role("textbox", name="联系电话")
    assert phone.get_attribute("aria-invalid") == "true"
    assert "联系电话格式不正确" in page.locator("#contact-phone-error").inner_text()
    assert phone.input_value() == "电话123"
    assert "未填写" in page.get_by_role("region", name="基本情况").inner_text()
    assert_accessible(page)
    phone.fill("023-7061 2345")
    page.get_by_role("button", name="保存联系人").click()
    assert "联系人和联系电话已保存" in page.get_by_role("status").inner_text()

    page.goto(site.url + "/admin/units")
    row = page.locator(f"#unit-{VILLAGE}")
    assert row.get_by_role("cell").all_inner_texts()[:6] == [
        VILLAGE,
        "新桥村",
        "村（社区、嘎查）",
        "王小明",
        "023-7061 2345",
        "正常",
    ]
    history = row.get_by_role("link", name="新桥村的变更历史")
    assert history.get_attribute("href") == f"/units/{VILLAGE}/history"
    # In the tree the village sits among its town's villages, before the next town.
    codes = page.locator("table.unit-tree tbody tr td:first-child").all_inner_texts()
    assert codes.index("DEMO-01-01") < codes.index(VILLAGE) < codes.index("DEMO-01-02")
    screenshot(page, "admin-units")


def test_bad_input_is_refused_beside_its_field_and_registers_nothing(site: Site, page: Any) -> None:
    site.login(page, "administrator")
    page.goto(site.url + "/admin/units")
    register(page, VILLAGE, "   ", "DEMO-01-01")
    name = page.get_by_label("单位名称")
    assert name.get_attribute("aria-invalid") == "true"
    assert page.locator("#reg-name-error").inner_text() == "请填写单位名称。"
    assert page.get_by_label("单位编码").input_value() == VILLAGE
    assert_accessible(page)

    register(page, "DEMO-01-01-01", "重复村", "DEMO-01-01")
    code = page.get_by_label("单位编码")
    assert code.get_attribute("aria-invalid") == "true"
    assert "DEMO-01-01-01 已被使用" in page.locator("#reg-code-error").inner_text()
    assert page.get_by_label("单位名称").get_attribute("aria-invalid") is None

    page.goto(site.url + "/admin/units")
    assert page.locator(f"#unit-{VILLAGE}").count() == 0
    assert "重复村" not in page.locator("table.unit-tree").inner_text()


def test_a_change_made_on_a_stale_page_is_refused_and_says_so(site: Site, page: Any) -> None:
    site.login(page, "administrator")
    page.goto(site.url + "/admin/units/DEMO-01-01-02")
    other = page.context.new_page()
    other.goto(site.url + "/admin/units/DEMO-01-01-02")
    other.get_by_label("新的单位名称").fill("北林社区")
    other.get_by_role("button", name="更改名称").click()
    assert "单位名称已修改" in other.get_by_role("status").inner_text()

    page.get_by_label("新的单位名称").fill("北林新村")
    page.get_by_role("button", name="更改名称").click()
    assert "已被他人修改" in page.locator("#rename-error").inner_text()
    assert page.get_by_role("heading", level=1).inner_text() == "北林社区（DEMO-01-01-02）"
    assert_accessible(page)


def test_moving_a_village_keeps_its_old_parent_for_earlier_periods(site: Site, page: Any) -> None:
    site.login(page, "administrator")
    page.goto(site.url + "/admin/units/DEMO-01-01-03")
    move = page.get_by_role("region", name="调整上级单位")
    assert "生效日期之前各期间的评分仍汇总到原上级单位" in move.inner_text()
    move.get_by_label("新的上级单位").select_option("DEMO-01-02")
    move.get_by_label("生效日期").fill("2024-01-01")
    move.get_by_role("button", name="调整上级").click()
    assert page.locator("#move-reason-error").inner_text() == "请填写调整原因。"
    assert_accessible(page)
    page.get_by_label("调整原因").fill("行政区划调整，划归长青街道")
    page.get_by_role("button", name="调整上级").click()
    assert "调整生效日期之前的各期间仍汇总到原上级单位" in page.get_by_role("status").inner_text()
    history = page.get_by_role("table", name="上级单位沿革").inner_text()
    assert "登记时\t南丰乡（DEMO-01-01）" in history
    assert "2024-01-01\t长青街道（DEMO-01-02）" in history


def test_a_non_administrator_is_refused_the_administration_pages(site: Site, page: Any) -> None:
    site.login(page, "town_reviewer", "DEMO-01-01")
    assert page.get_by_role("link", name="系统管理").count() == 0
    for path in ("/admin", "/admin/units", "/admin/accounts", "/admin/rubrics"):
        response = page.goto(site.url + path)
        assert response.status == 403, path
        assert page.get_by_role("heading", level=1).inner_text() == "无权执行此操作"
