"""A town hands up its quarterly table from the table's page; after a county auditor changes
one of its sheets, the hand-up's page shows the restatement: the row, old → new, and the
change that caused it."""

from __future__ import annotations

from decimal import Decimal
from typing import Any
from uuid import UUID

from application.actor import Actor
from application.commands.assessments import ScoreItem
from domain.entries import ItemEntry
from domain.ids import assessment_id, rubric_version_id, unit_id
from domain.workflow import Status
from tests.browser.conftest import Site
from tests.browser.pages import assert_accessible, screenshot
from tests.browser.test_reports import ask
from tests.unit.application.sending import Who, send
from web.app import projections_of, services_of

TOWN, QUARTER = "DEMO-01-01", "2023Q2"


def accepted_sheet(site: Site) -> tuple[UUID, str]:
    """An approved sheet of a village of the town, and the village's name."""
    kaohe = services_of(site.app).kaohe
    rubric = rubric_version_id("fengdu-village-station", 2)
    for n in range(1, 7):
        code = f"{TOWN}-{n:02d}"
        aid = assessment_id(unit_id(code), rubric, QUARTER)
        a = kaohe.assessments.get(aid) if kaohe.assessments.exists(aid) else None
        if a is not None and a.status is Status.APPROVED:
            return a.id, kaohe.units.get(code).name
    raise AssertionError("the demo has no approved sheet under the town")


def auditor_changes(site: Site, aid: UUID) -> None:
    """The county auditor lowers item 1 in the verification layer, with a reason."""
    kaohe = services_of(site.app).kaohe
    account = kaohe.accounts.get(site.demo.account("county_auditor", "DEMO-01").username)
    grant = next(iter(account.grants.values()))
    who = Who(Actor(account.id, grant.role, grant.unit_id), "browser-test")
    zero = ItemEntry(points=Decimal(0))
    send(kaohe, who, ScoreItem(assessment_id=aid, number="1", entry=zero, reason="复核：台账缺失"))
    projections_of(site.app).catch_up()


def test_a_hand_up_then_a_county_change_shows_as_a_restatement(site: Site, page: Any) -> None:
    site.login(page, "town_reviewer", TOWN)
    page.goto(site.url + "/tables/quarterly")
    ask(page, TOWN, QUARTER)
    with page.expect_navigation():
        page.get_by_role("button", name="上报此表").click()
    assert page.get_by_text("已上报。").is_visible()
    assert page.get_by_text("没有更正").is_visible()
    handed_rows = page.locator("table.handed tbody tr").count()
    assert handed_rows == 6
    hand_up_page = page.url.removesuffix("?done=1")

    aid, village = accepted_sheet(site)
    auditor_changes(site, aid)

    page.context.clear_cookies()
    site.login(page, "county_auditor", "DEMO-01")
    page.goto(site.url + "/tables/hand-ups?unit=DEMO-01&period=2023Q2")
    page.get_by_role("link", name="季度验收情况统计表").first.click()
    assert page.url == hand_up_page
    assert page.get_by_text("有 1 行与上报时不同").is_visible()
    row = page.locator("table.restatement tbody tr")
    assert row.count() == 1
    assert row.locator("th").inner_text() == village
    score = row.locator("td").nth(2).inner_text().splitlines()[0]
    assert score.startswith("得分：") and " → " in score, score
    old, new = score.removeprefix("得分：").split(" → ")
    assert Decimal(new) < Decimal(old)
    cause = page.locator(".audit-trail tbody tr")
    assert cause.count() == 1
    assert "复核：台账缺失" in cause.inner_text() and village in cause.inner_text()
    # What was handed up is still shown as it was.
    assert page.locator("table.handed tbody tr").count() == handed_rows
    assert_accessible(page)
    screenshot(page, "hand-up-restatement")
