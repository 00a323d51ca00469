"""Seed 003's year, by the actors its notice names: the city opens the banner's task sheet,
the banner's task owners enter progress on their criteria, the city scores it and approves
it, and the task breakdown table shows every criterion judged."""

from __future__ import annotations

from typing import Any

from domain.rules import RuleName
from infra.demo.plan import plan_demo
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
from tests.browser.pages import assert_accessible
from tests.browser.test_reports import ask, on_screen

BANNER, PERIOD = "DEMO-02", "2024"
WUSHEN_V2 = "wushen-banner-tasks:2"


def enter_progress(page: Any, sheet: str) -> None:
    """The task owners give every criterion its points (a rate of 100 where the criterion
    is scored by its completion rate), save, and hand the sheet up."""
    rubric = find_builtin_rubric("wushen-banner-tasks", 2)
    assert rubric is not None
    page.goto(sheet)
    for item in rubric.items():
        field = page.locator(f'[id="item-{item.number}"] input.score')
        if field.count() == 0:
            continue
        is_rate = (field.get_attribute("id") or "").startswith("rate")
        field.fill("100" if is_rate else str(item.max_points))
    page.get_by_role("button", name="保存草稿").click()
    page.wait_for_url("**done=saved*")
    for item in rubric.items():
        if item.rule is RuleName.DEDUCTIONS:  # nothing happened: each line recorded as 0 times
            row = page.locator(f'[id="item-{item.number}"]')
            row.get_by_role("button", name="记录扣分").first.click()
            page.wait_for_load_state()
    assert page.locator("text=尚未评分的项目").count() == 0
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="提交评分表").click()
    page.wait_for_url("**done=submitted*")


def test_the_banners_task_owners_enter_progress_and_the_city_scores_it(
    site: Site, page: Any
) -> None:
    sign_in_as(site, page, "inspector-01")
    sheet = open_sheet(page, BANNER, WUSHEN_V2, PERIOD)

    def owners(owner: Any) -> None:
        assert WUSHEN_V2 not in offered(owner, "open-rubric")  # the city opens these
        enter_progress(owner, sheet)

    as_another(site, page, "centre-02", owners)
    as_another(
        site,
        page,
        "inspector-02",
        lambda inspector: review_score(inspector, sheet, "1.1.1", "2", "联络员会议未召开"),
    )
    page.goto(site.url + "/review")
    name = next(u.name for u, _, _ in plan_demo(2023).units if u.code == BANNER)
    waiting = page.get_by_role("row").filter(has_text=name).filter(has_text="2024年度")
    assert_accessible(page)
    approve_waiting(page, waiting)

    page.goto(site.url + "/tables/tasks")
    ask(page, BANNER, PERIOD)
    [table] = on_screen(page)
    first = next(r for r in table["rows"] if r[0] == "1.1.1")
    assert first[7] == "已评分"
    assert first[8] == "2"  # the city's score counts, one point under the owners' 3
    assert all(r[7] == "已评分" for r in table["rows"] if r[0].count(".") == 2)
