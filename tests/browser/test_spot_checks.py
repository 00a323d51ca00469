"""The county's spot check through the browser: open a campaign, freeze its frame, enter a
public seed, draw, re-score a sampled sheet beside its self and review scores, record the
finding; the regulator reads it all without forms; the risk report ranks the stations."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from application.actor import Actor
from application.commands.assessments import OpenAssessment, SaveSheet
from domain.account import Role
from domain.entries import ItemEntry
from domain.ids import unit_id
from domain.rules import Kind
from tests.browser.conftest import Site
from tests.browser.pages import assert_accessible, screenshot
from tests.unit.application.sending import Who, send
from web.app import projections_of, services_of

NAME = "二季度第二轮抽查"


def open_campaign(site: Site, page: Any) -> None:
    """As the county auditor: open a 2023Q2 campaign, after a refused period is said."""
    page.goto(site.url + "/campaigns")
    assert page.get_by_role("link", name="二季度抽查复核").is_visible()
    assert_accessible(page)
    page.get_by_label("考核期间").fill("2023Q9")
    page.get_by_label("抽查名称").fill(NAME)
    page.get_by_label("样本量（份）").fill("3")
    page.get_by_role("button", name="立项").click()
    assert "2023Q2" in page.locator("#period-error").inner_text()
    assert page.get_by_label("考核期间").get_attribute("aria-invalid") == "true"
    assert page.get_by_label("抽查名称").input_value() == NAME
    assert_accessible(page)
    page.get_by_label("考核期间").fill("2023Q2")
    page.get_by_role("button", name="立项").click()
    page.wait_for_url(re.compile(r"/campaigns/[0-9a-f-]{36}$"))
    assert page.get_by_role("heading", level=1).inner_text() == f"抽查复核：{NAME}"


def freeze_seed_and_draw(page: Any) -> None:
    steps = page.get_by_role("list", name="抽查步骤")
    assert steps.locator("[aria-current=step]").inner_text().endswith("锁定抽样名单")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="锁定抽样名单").click()
    page.wait_for_selector("#frame-locked")
    assert "任何人用同样的名单和种子重新计算" in page.locator("#how-drawn").inner_text()
    assert not page.locator("#frame-hash").is_visible()
    page.get_by_text("技术信息").click()
    assert page.locator("#frame-hash").is_visible()
    assert page.locator("table.frame-hashes code.hash").count() > 3
    page.get_by_label("随机种子（10–100 位数字）").fill("12 34")
    page.get_by_label("公开来源").fill("2023年7月3日福利彩票开奖号码")
    page.get_by_role("button", name="录入种子").click()
    assert "10 至 100 位数字" in page.locator("#seed-error").inner_text()
    assert page.locator("#seed-value").count() == 0
    assert_accessible(page)
    page.get_by_label("随机种子（10–100 位数字）").fill("20230703123456789012")
    page.get_by_role("button", name="录入种子").click()
    assert page.locator("#seed-value").inner_text() == "20230703123456789012"
    page.get_by_role("button", name="抽取样本").click()
    sample = page.locator("table.sample tbody tr")
    sample.first.wait_for()
    assert sample.count() == 3
    assert re.search(r"\d+/\d+（\d+\.\d%）", sample.first.inner_text())
    outside = " ".join(page.locator("main > :not(details.tech)").all_inner_texts())
    assert not re.search(r"[0-9a-f]{32}|kaohe-sampling|sample verify", outside)
    assert page.locator("#verification").inner_text().startswith("可复核 · 一致")


FIRST_SECTION = """() => {
  const head = document.querySelector('table.rescore tr.section');
  const counted = [];
  for (let tr = head.nextElementSibling; tr && !tr.classList.contains('section');
       tr = tr.nextElementSibling) counted.push(tr.cells[6].innerText);
  return [head.cells[head.cells.length - 1].innerText, counted];
}"""
"""The first section's subtotal in the 计分 column, and the 计分 of each of its items."""


def rescore_first_sheet(page: Any) -> str:
    """Enter a verification score that differs from the review score; returns the station."""
    page.locator("table.sample tbody tr").first.get_by_role("link").click()
    page.wait_for_url(re.compile(r"/sheets/"))
    station: str = page.get_by_role("heading", level=1).inner_text().removeprefix("复核评分：")
    row = page.locator("#item-2")
    cells = row.locator("td")
    self_score, review_score = cells.nth(3).inner_text(), cells.nth(4).inner_text()
    assert self_score in ("0", "0.5", "1", "1.5", "2") and review_score
    different = "0" if review_score != "0" else "1"
    page.get_by_label("第 2 项复核得分").fill(different)
    page.get_by_role("button", name="保存复核得分").click()
    assert "理由" in page.locator("#reason-error").inner_text()
    assert page.get_by_label("第 2 项复核得分").input_value() == different
    assert_accessible(page)
    page.get_by_label("复核理由").fill("现场核实：站长任命文件缺失")
    page.get_by_role("button", name="保存复核得分").click()
    page.wait_for_url(re.compile(r"#scores$"))
    row = page.locator("#item-2")
    assert "differs" in (row.get_attribute("class") or "")
    assert row.locator("td").nth(6).locator("mark").inner_text() == different
    assert page.get_by_label("第 2 项复核得分").input_value() == different
    subtotal, counted = page.evaluate(FIRST_SECTION)
    assert Decimal(subtotal) == sum(Decimal(points) for points in counted)
    assert_accessible(page)
    screenshot(page, "spot-check-rescore")
    return station


def record_finding(page: Any) -> None:
    assert page.get_by_label("涉及的评分项（编号，用逗号或顿号分隔）").input_value() == "2"
    page.get_by_label("弄虚作假").check()
    page.get_by_label("复核说明").fill("站长任命文件缺失，按复核得分计")
    page.get_by_role("button", name="记录复核结论").click()
    assert page.locator("#items-error").count() == 0
    assert "证据" in page.locator("#evidence_file-error").inner_text()
    assert "处理方式" in page.locator("#consequence-error").inner_text()
    assert page.get_by_text("尚未记录复核结论。").is_visible()
    assert_accessible(page)
    page.get_by_label("有差错").check()
    page.get_by_role("button", name="记录复核结论").click()
    page.wait_for_url(re.compile(r"/campaigns/[0-9a-f-]{36}#sample-h$"))


def test_a_county_auditor_runs_a_spot_check_to_a_finding(site: Site, page: Any) -> None:
    site.login(page, "county_auditor", "DEMO-01")
    open_campaign(site, page)
    freeze_seed_and_draw(page)
    assert_accessible(page)
    station = rescore_first_sheet(page)
    record_finding(page)
    checked = page.locator("table.sample tbody tr", has_text=station)
    assert "有差错" in checked.inner_text()
    assert "站长任命文件缺失" in checked.inner_text()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="结束抽查").click()
    assert "还有 2 份" in page.get_by_role("alert").inner_text()
    assert_accessible(page)
    screenshot(page, "spot-check-campaign")
    for index in (1, 2):
        page.locator("table.sample tbody tr").nth(index).get_by_role("link").click()
        page.get_by_label("一致（无差异）").check()
        page.get_by_label("复核说明").fill("现场核实，与初审一致")
        page.get_by_role("button", name="记录复核结论").click()
        page.wait_for_url(re.compile(r"#sample-h$"))
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="结束抽查").click()
    page.get_by_text("已结束", exact=True).wait_for()
    assert page.locator("ol.steps li.done").count() == 5
    assert page.locator("main form").count() == 0


def test_the_regulator_reads_a_campaign_without_forms(site: Site, page: Any) -> None:
    site.login(page, "city_regulator", "DEMO")
    page.goto(site.url + "/campaigns")
    assert page.get_by_role("heading", name="新建抽查").count() == 0
    page.get_by_role("link", name="二季度抽查复核").click()
    assert page.get_by_text("只读").first.is_visible()
    assert page.locator("main form").count() == 0
    assert page.locator("table.sample").get_by_text("弄虚作假", exact=True).count() == 1
    assert page.locator("#verification").inner_text().startswith("可复核 · 一致")
    assert_accessible(page)
    page.locator("table.sample tbody tr", has_text="弄虚作假").get_by_role("link").click()
    assert page.locator("main form").count() == 0
    assert page.locator("main input").count() == 0
    assert page.locator("ol.findings").get_by_text("弄虚作假").is_visible()
    assert_accessible(page)


def full_marks_sheet(site: Site, village: str, period: str) -> None:
    """A station that reports every standard item at full marks (a risk signal)."""
    kaohe = services_of(site.app).kaohe
    account = kaohe.accounts.get(site.demo.account("station_staff", village).username)
    staff = Who(Actor(account.id, Role.STATION_STAFF, unit_id(village)), "test-risk")
    opening = OpenAssessment(
        unit=village, rubric="fengdu-village-station", version=1, period=period
    )
    aid = send(kaohe, staff, opening).id
    rubric = kaohe.assessments.rubric_of(kaohe.assessments.get(aid))
    full = {
        i.number: ItemEntry(points=i.max_points)
        for i in rubric.items()
        if i.kind is Kind.STANDARD and i.max_points is not None
    }
    outcome = send(kaohe, staff, SaveSheet(assessment_id=aid, entries=full))
    assert projections_of(site.app).wait_for(outcome.position)


def test_a_station_is_refused_the_spot_checks(site: Site, page: Any) -> None:
    site.login(page, "station_staff", "DEMO-01-01-01")
    for path in ("/campaigns", "/risk"):
        response = page.goto(site.url + path)
        assert response is not None and response.status == 403
        assert "二季度抽查复核" not in page.content()


def test_the_risk_report_ranks_the_county_stations(site: Site, page: Any) -> None:
    full_marks_sheet(site, "DEMO-01-02-03", "2023Q3")
    site.login(page, "county_auditor", "DEMO-01")
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="风险提示").click()
    page.wait_for_url("**/risk")
    page.get_by_label("考核期间").select_option("2023Q2")
    page.get_by_role("button", name="查看").click()
    rows = page.locator("#station-ranking tbody tr")
    assert rows.count() == 18
    assert "全部满分" not in page.locator("#station-ranking").inner_text()
    page.get_by_label("考核期间").select_option("2023Q3")
    page.get_by_role("button", name="查看").click()
    first = rows.first.locator("td")
    assert first.nth(0).inner_text() == "1"
    station = kaohe_name(site, "DEMO-01-02-03")
    assert first.nth(1).inner_text() == station
    assert first.nth(5).inner_text() == "全部满分"
    assert first.nth(4).inner_text() == "2"
    assert "全部满分" in page.locator("ol.signals").inner_text()
    grid = page.get_by_role("img", name=f"{kaohe_name(site, 'DEMO-01')}各乡镇风险分布")
    town = kaohe_name(site, "DEMO-01-02")
    tile = grid.locator("text.tile-name", has_text=town)
    assert tile.get_attribute("class") != "tile-name shade-0"  # the flagged town is shaded
    words = grid.locator("desc").text_content() or ""
    assert f"{town}：风险分 1，有风险信号的站点 1 / 1" in words
    assert_accessible(page)
    screenshot(page, "spot-check-risk")


def kaohe_name(site: Site, code: str) -> str:
    name: str = services_of(site.app).kaohe.units.get(code).name
    return name
