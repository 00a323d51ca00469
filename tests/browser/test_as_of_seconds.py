"""The as-of controls of a table take a time to the second, and the table says that moment
in words."""

from __future__ import annotations

from typing import Any

from tests.browser.conftest import Site
from tests.browser.pages import assert_accessible, screenshot


def test_a_regulator_asks_for_a_table_as_of_a_second(site: Site, page: Any) -> None:
    site.login(page, "city_regulator")
    page.goto(site.url + "/tables/quarterly")
    page.get_by_label("单位", exact=True).select_option("DEMO-01-01")
    page.get_by_label("期间", exact=True).fill("2023Q2")
    page.get_by_label("截至日期").fill("2024-01-01")
    clock = page.get_by_label("截至时间")
    clock.focus()
    clock.press_sequentially("093015")  # typed into the control's own fields, as a person does
    clock.press("A")  # 上午
    assert clock.input_value() == "09:30:15"
    with page.expect_navigation():
        page.get_by_role("button", name="查询").click()

    assert page.get_by_label("截至时间").input_value() == "09:30:15"
    assert page.get_by_text("数据截至：2024年1月1日 09:30:15").first.is_visible()
    assert_accessible(page)
    screenshot(page, "table-as-of-second")
