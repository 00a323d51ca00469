"""The county's spot check through the browser: open a campaign, freeze its frame, enter a
public seed, draw, re-score a sampled sheet blind (its self and review scores shown only
once the auditor's own are saved), record the finding; the regulator reads it all
without forms; the risk report ranks the stations."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any
from uuid import UUID

from application.actor import Actor
from application.commands.assessments import OpenAssessment, SaveSheet
from domain.account import Role
from domain.commitment import seed_digest
from domain.entries import ItemEntry
from domain.ids import unit_id
from domain.rules import Kind
from domain.workflow import Layer
from projections.spot_checks.words import SIGNAL_WORDS
from tests.browser.conftest import Site
from tests.browser.pages import assert_accessible, screenshot
from tests.unit.application.sending import Who, send
from web.app import projections_of, services_of

NAME = "二季度第二轮抽查"
SEED = "10000000000000015838"
"""Thrown before opening; only its SHA-256 is given when the campaign is opened. It draws
three sheets no spot check has re-scored yet (the demo's own, the hand-up's and the
rectification's), so each is re-scored blind."""


def open_campaign(site: Site, page: Any) -> None:
    """As the county auditor: open a 2023Q2 campaign, after a refused period is said."""
    page.goto(site.url + "/campaigns")
    assert page.get_by_role("link", name="二季度抽查复核").is_visible()
    assert_accessible(page)
    page.get_by_label("考核期间").fill("2023Q9")
    page.get_by_label("抽查名称").fill(NAME)
    page.get_by_label("样本量（份，直接填写时）").fill("3")
    page.get_by_label("种子的 SHA-256（64 位十六进制）").fill(seed_digest(SEED))
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
    page.get_by_label("来源说明").fill("立项前县局公开掷十面骰")
    page.get_by_role("button", name="录入种子").click()
    assert "10 至 100 位数字" in page.locator("#seed-error").inner_text()
    assert page.locator("#seed-value").count() == 0
    assert_accessible(page)
    page.get_by_label("随机种子（10–100 位数字）").fill("11112222333344445555")  # chosen now
    page.get_by_role("button", name="录入种子").click()
    assert "与立项时的承诺不符" in page.locator("#seed-error").inner_text()
    assert page.locator("#seed-value").count() == 0
    page.get_by_label("随机种子（10–100 位数字）").fill(SEED)
    page.get_by_role("button", name="录入种子").click()
    assert page.locator("#seed-value").inner_text() == SEED
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


def layer_scores(site: Site, page: Any, number: str) -> tuple[str, str]:
    """The self and review scores of an item of the sheet on the page, as the store holds
    them (what the blind page must not show)."""
    aid = UUID(page.url.split("/sheets/")[1].split("/")[0].split("#")[0])
    kaohe = services_of(site.app).kaohe
    sheet = kaohe.assessments.get(aid)
    rubric = kaohe.assessments.rubric_of(sheet)
    cards = {layer: sheet.scorecard(rubric, layer) for layer in (Layer.SELF, Layer.REVIEW)}
    points = [cards[layer].item(number).points for layer in (Layer.SELF, Layer.REVIEW)]
    self_score, review_score = (format(p.normalize(), "f") for p in points if p is not None)
    return self_score, review_score


def assert_blind(page: Any) -> None:
    """Only the items and the auditor's own column: no self or review score, no counting
    score, subtotal, total, difference or finding form."""
    heads = page.locator("table.rescore thead th").all_inner_texts()
    assert heads == ["编号", "评分标准", "分值", "复核"]
    for row in page.locator("table.rescore tbody tr[id^=item-]").all():
        assert row.locator("td").count() == 4
    assert page.locator("table.rescore td.subtotal, #total, main mark").count() == 0
    assert page.get_by_role("button", name="记录复核结论").count() == 0
    assert page.locator("#blind").is_visible()


def rescore_first_sheet(site: Site, page: Any) -> str:
    """Re-score blind, then see the layers with the difference; returns the station."""
    page.locator("table.sample tbody tr").first.get_by_role("link").click()
    page.wait_for_url(re.compile(r"/sheets/"))
    station: str = page.get_by_role("heading", level=1).inner_text().removeprefix("复核评分：")
    self_score, review_score = layer_scores(site, page, "2")
    assert_blind(page)
    assert page.locator("#item-2 td").nth(3).inner_text().strip() == "第 2 项复核得分"
    assert page.get_by_label("第 2 项复核得分").input_value() == ""
    different = "0" if review_score != "0" else "1"
    page.get_by_label("第 2 项复核得分").fill(different)
    page.get_by_role("button", name="保存复核得分").click()
    assert "理由" in page.locator("#reason-error").inner_text()
    assert page.get_by_label("第 2 项复核得分").input_value() == different
    assert_blind(page)  # refused, so nothing saved and still blind
    assert_accessible(page)
    page.get_by_label("复核理由").fill("现场核实：站长任命文件缺失")
    page.get_by_role("button", name="保存复核得分").click()
    page.wait_for_url(re.compile(r"#scores$"))
    assert page.locator("#blind").count() == 0
    row = page.locator("#item-2")
    cells = row.locator("td")
    assert (cells.nth(3).inner_text(), cells.nth(4).inner_text()) == (self_score, review_score)
    assert "differs" in (row.get_attribute("class") or "")
    assert cells.nth(6).locator("mark").inner_text() == different
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
    station = rescore_first_sheet(site, page)
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
        assert_blind(page)
        page.get_by_label("第 1 项复核得分").fill(layer_scores(site, page, "1")[1])
        page.get_by_label("复核理由").fill("现场核实")
        page.get_by_role("button", name="保存复核得分").click()
        page.wait_for_url(re.compile(r"#scores$"))
        assert "differs" not in (page.locator("#item-1").get_attribute("class") or "")
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
    headline = page.locator("#factor-headline").inner_text()
    assert "超出" in headline and "最差" in headline and "弄虚作假（一票否决）" in headline
    outside = page.locator("table.factors tbody tr.outside", has_text="弄虚作假")
    assert outside.count() == 1 and "超出区间" in outside.inner_text()
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
    assert rows.count() == 26  # 18 stations, and 石门镇's 8 where each signal has a case
    assert "全部满分" in page.locator("#station-ranking").inner_text()  # 石板村
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
    assert "未登记" in signal_item(page, "全部满分").inner_text()
    with page.expect_navigation():
        page.get_by_role("button", name="登记本期风险信号").click()
    assert "待处理" in signal_item(page, "全部满分").inner_text()
    assert "已登记 1 条" in page.locator("#signals-h ~ form").inner_text()
    with page.expect_navigation():
        page.get_by_role("button", name="登记本期风险信号").click()  # again: nothing new
    assert "已登记 1 条" in page.locator("#signals-h ~ form").inner_text()


def kaohe_name(site: Site, code: str) -> str:
    name: str = services_of(site.app).kaohe.units.get(code).name
    return name


def test_the_county_reads_how_its_town_reviewers_agree_with_the_spot_check(
    site: Site, page: Any
) -> None:
    site.login(page, "county_auditor", "DEMO-01")
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="初审质量").click()
    page.wait_for_url("**/agreement")
    reviewers = page.locator("#reviewers tbody tr")
    assert reviewers.count() >= 1
    first = reviewers.first.locator("td")
    assert first.nth(4).inner_text() == "0.0%"  # the town whose item the county found false
    assert first.nth(3).inner_text().isdigit()  # 比对项数: how many items were compared
    towns = page.locator("#agreement-towns tbody tr").first.locator("td")
    assert towns.nth(2).inner_text().isdigit()
    assert towns.nth(0).inner_text() == first.nth(1).inner_text()
    assert towns.nth(6).inner_text() == "3"
    assert not re.search(r"[0-9a-f]{8}-", page.locator("main").inner_text())
    assert_accessible(page)
    screenshot(page, "spot-check-agreement")


BURST = "同一账号短时间内为多张表打分"
REASON = "约谈罗晓峰：七份验收在一刻钟内改完，未到现场"


def signal_item(page: Any, words: str) -> Any:
    return page.locator("ol.signals > li", has_text=words).first


def test_a_county_auditor_disposes_of_a_signal_and_reads_it_in_the_audit_trail(
    site: Site, page: Any
) -> None:
    site.login(page, "county_auditor", "DEMO-01")
    page.goto(site.url + "/risk?unit=DEMO-01&period=2023Q2")
    listed = page.locator("#signals-h ~ ol.signals").first.inner_text()
    for words in SIGNAL_WORDS.values():
        assert words in listed
    assert not re.search(r"[A-Za-z]{2,}", listed)
    assert (
        "处理结论：排除，理由：现场查看台账、照片齐全" in signal_item(page, "全部满分").inner_text()
    )
    burst = signal_item(page, BURST)
    assert "罗晓峰在 12 分钟内为 7 张评分表打分" in burst.inner_text()
    assert "待处理" in burst.inner_text()

    burst.get_by_role("button", name="保存处理结论").click()  # neither choice nor reason
    burst = signal_item(page, BURST)
    assert "请选择处理结论" in burst.inner_text() and "请写明处理理由" in burst.inner_text()
    assert "待处理" in burst.inner_text()
    assert_accessible(page)

    burst.get_by_label("核实属实").check()
    burst.get_by_label("理由").fill(REASON)
    with page.expect_navigation():
        burst.get_by_role("button", name="保存处理结论").click()
    shown = signal_item(page, BURST).inner_text()
    assert f"处理结论：核实属实，理由：{REASON}" in shown
    auditor = site.demo.account("county_auditor", "DEMO-01").username
    assert services_of(site.app).kaohe.accounts.get(auditor).display_name in shown
    signal_item(page, BURST).scroll_into_view_if_needed()
    screenshot(page, "spot-check-signals")

    page.goto(site.url + "/tables/audit?unit=DEMO-01")
    trail = page.locator("table.timeline tbody tr", has_text="处理风险信号").first.inner_text()
    assert REASON in trail and "核实属实" in trail
