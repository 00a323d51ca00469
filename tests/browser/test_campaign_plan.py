"""A campaign planned in advance, through the browser: sized for "10 % at 95 %", committed to
its seed's SHA-256, refused a seed chosen after the frame, and escalated to a further round
with fresh committed randomness when a finding passes the plan's threshold."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any
from uuid import UUID

from application.actor import Actor
from domain.account import Role
from domain.commitment import seed_digest
from domain.ids import unit_id
from domain.sample_size import detect_size
from tests.browser.conftest import Site
from tests.browser.pages import assert_accessible, screenshot
from tests.unit.application.sending import Who, record_finding
from web.app import projections_of, services_of

NAME = "二季度按目标抽查"
FIRST, SECOND = "20230703123456789012", "20230710987654321098"


def open_planned(site: Site, page: Any) -> None:
    page.goto(site.url + "/campaigns")
    page.get_by_label("考核期间").fill("2023Q2")
    page.get_by_label("抽查名称").fill(NAME)
    page.get_by_label("确定方式").select_option("detect")
    page.get_by_label("要发现的弄虚作假比例（%）").fill("10")
    page.get_by_label("置信度（%）").fill("95")
    page.get_by_label("一轮中“有误”或“弄虚作假”超过（份）").fill("0")
    page.get_by_label("再抽一轮的样本量（份）").fill("1")
    page.get_by_role("button", name="立项").click()
    assert "64 位小写十六进制" in page.locator("#digest-error").inner_text()
    assert_accessible(page)
    page.get_by_label("种子的 SHA-256（64 位十六进制）").fill(seed_digest(FIRST))
    page.get_by_role("button", name="立项").click()
    page.wait_for_url(re.compile(r"/campaigns/[0-9a-f-]{36}$"))


def findings_in(site: Site, page: Any) -> None:
    """The auditor's findings on the drawn sheets still without one: an error, then none."""
    kaohe = services_of(site.app).kaohe
    account = kaohe.accounts.get(site.demo.account("county_auditor", "DEMO-01").username)
    auditor = Who(Actor(account.id, Role.COUNTY_AUDITOR, unit_id("DEMO-01")), "test-plan")
    cid = UUID(page.url.rsplit("/", 1)[-1])
    outcome = None
    for number, s in enumerate(kaohe.campaigns.get(cid).sample):
        if kaohe.assessments.get(s.assessment_id).findings:
            continue
        finding = "error" if number == 0 else "none"
        outcome = record_finding(kaohe, auditor, s.assessment_id, finding, [], [], "现场核实")
    if outcome is not None:
        assert projections_of(site.app).wait_for(outcome.position)


def test_a_planned_campaign_refuses_a_chosen_seed_and_escalates(site: Site, page: Any) -> None:
    site.login(page, "county_auditor", "DEMO-01")
    open_planned(site, page)
    plan = page.locator("dl.facts").first.inner_text()
    assert "以 95.0% 的把握发现不低于 10.0% 的弄虚作假" in plan and "约 29 份" in plan
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="锁定抽样名单").click()
    page.wait_for_selector("#frame-locked")
    frame = int(re.findall(r"\d+", page.locator("#frame-h").inner_text())[0])
    size = detect_size(Decimal("0.10"), Decimal("0.95"), frame)
    assert f"样本量{size} 份" in page.locator("dl.facts").first.inner_text().replace("\n", "")
    page.get_by_label("随机种子（10–100 位数字）").fill("11112222333344445555")
    page.get_by_role("button", name="录入种子").click()
    assert "与立项时的承诺不符" in page.locator("#seed-error").inner_text()
    page.get_by_label("随机种子（10–100 位数字）").fill(FIRST)
    page.get_by_role("button", name="录入种子").click()
    page.get_by_role("button", name="抽取样本").click()
    page.locator("table.sample tbody tr").first.wait_for()
    assert page.locator("table.sample tbody tr").count() == size
    findings_in(site, page)
    page.reload()
    assert page.get_by_role("button", name="结束抽查").count() == 0
    page.get_by_label("种子的 SHA-256（64 位十六进制）").fill(seed_digest(SECOND))
    page.get_by_role("button", name="升级").click()
    page.get_by_text("已升级，待抽下一轮").first.wait_for()
    assert_accessible(page)
    page.get_by_label("随机种子（10–100 位数字）").fill(FIRST)
    page.get_by_role("button", name="录入种子").click()
    assert "与立项时的承诺不符" in page.locator("#seed-error").inner_text()
    page.get_by_label("随机种子（10–100 位数字）").fill(SECOND)
    page.get_by_role("button", name="录入种子").click()
    page.get_by_role("button", name="抽取样本").click()
    page.wait_for_selector("#verification")
    assert page.locator("table.sample tbody tr").count() == min(size + 1, frame)
    assert page.locator("#rounds tbody tr").count() == 2
    assert page.locator("#verification").inner_text().startswith("可复核 · 一致")
    page.locator("#rounds").scroll_into_view_if_needed()
    screenshot(page, "spot-check-rounds")
