"""Seed 001's inspection, by the actors its notice names: the city's inspection group opens a
county centre's sheet, the centre's own staff self-check and submit it, an inspector scores
it, the group's leader approves it, and the city's Annex 2 shows it."""

from __future__ import annotations

from typing import Any

from domain.rules import Kind
from infra.rubric_files import find_builtin_rubric
from tests.browser.conftest import Site
from tests.browser.inspection import (
    approve_waiting,
    as_another,
    offered,
    open_sheet,
    review_score,
    sign_in_as,
)
from tests.browser.test_reports import ask, on_screen

COUNTY, COUNTY_NAME, PERIOD = "DEMO-01", "桥安县", "2024"
CHANGZHI_V2 = "changzhi-county-centre:2"


def self_check(page: Any, sheet: str, version: int = 2) -> None:
    """The centre's staff score every standard and special item in full and submit."""
    rubric = find_builtin_rubric("changzhi-county-centre", version)
    assert rubric is not None
    page.goto(sheet)
    for item in rubric.items():
        if item.kind in (Kind.STANDARD, Kind.SPECIAL) and item.max_points is not None:
            page.get_by_label(f"第 {item.number} 项自评得分", exact=True).fill(str(item.max_points))
    page.get_by_role("button", name="保存草稿").click()
    page.wait_for_url("**done=saved*")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="提交评分表").click()
    page.wait_for_url("**done=submitted*")


def test_the_city_inspects_a_county_centre_and_annex_2_shows_it(site: Site, page: Any) -> None:
    sign_in_as(site, page, "inspector-01")
    assert COUNTY in offered(page, "open-unit")
    sheet = open_sheet(page, COUNTY, CHANGZHI_V2, PERIOD)

    def centre(staff: Any) -> None:
        assert CHANGZHI_V2 not in offered(staff, "open-rubric")  # the city opens these
        self_check(staff, sheet)

    as_another(site, page, "centre-01", centre)
    as_another(
        site,
        page,
        "inspector-02",
        lambda inspector: review_score(inspector, sheet, "1", "1", "领导小组会议记录不全"),
    )
    page.goto(site.url + "/review")
    approve_waiting(page, page.get_by_role("row").filter(has_text=COUNTY_NAME))

    page.goto(site.url + "/tables/county-summary")
    ask(page, "DEMO", PERIOD)
    [table] = on_screen(page)
    [row] = [r for r in table["rows"] if r[0] == COUNTY_NAME]
    assert row[-1] == "已验收"
    assert row[-3] == "20"  # the special items in their own column
    assert row[-2] == "119"  # one point off item 1 on inspection
