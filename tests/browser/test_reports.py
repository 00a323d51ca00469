"""The tables pages: a regulator reads a table as of a date and downloads it as XLSX (and
CSV) whose cells are those on screen; the compliance chart; the overdue tasks; the filter's
errors; and the print view."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from infra.export_stamp import MARK
from tests.browser.conftest import Site
from tests.browser.pages import assert_accessible, screenshot

READ_TABLE = """
section => ({
  title: section.querySelector('h2').innerText,
  context: [...section.querySelectorAll('ul.context li')].map(li => li.innerText),
  columns: [...section.querySelectorAll('table.report thead th')].map(th => th.innerText),
  rows: [...section.querySelectorAll('table.report tbody tr')]
    .map(tr => [...tr.cells].map(td => td.innerText)),
  footer: [...section.querySelectorAll('ul.signatures li')].map(li => li.innerText),
})
"""


def ask(page: Any, unit: str, period: str, as_of: str | None = None) -> None:
    """Fill the filter form and send it, as a person would."""
    page.get_by_label("单位", exact=True).select_option(unit)
    page.get_by_label("期间", exact=True).fill(period)
    if as_of is not None:
        page.get_by_label("截至日期").fill(as_of)
    with page.expect_navigation():
        page.get_by_role("button", name="查询").click()


def on_screen(page: Any) -> list[dict[str, Any]]:
    sections = page.locator("section.report")
    return [sections.nth(i).evaluate(READ_TABLE) for i in range(sections.count())]


def same_cell(screen: str, stored: object) -> bool:
    """A cell of the file says what the page says: numbers as numbers, blanks as blanks."""
    if stored is None:
        return screen == ""
    if isinstance(stored, int | float) and screen.endswith("%"):  # a rate: 50.0% holds 0.5
        return Decimal(screen.removesuffix("%")) == Decimal(str(stored)) * 100
    if isinstance(stored, int | float):
        return Decimal(screen) == Decimal(str(stored))
    return screen == stored


def on_screen_stamp(page: Any) -> str:
    """The page's words for the log position and checkpoint it was computed at."""
    words: str = page.locator(".stamp p").first.inner_text()
    return words.split("。")[0]


def assert_stamp_lines(lines: list[object], stamp: str) -> None:
    """The file's two stamp lines: the page's words (with the hashes the page folds away),
    then the line `kaohe ledger verify-export` reads."""
    person, data = lines
    assert isinstance(person, str) and person.startswith(stamp.split("，签名时间")[0]), person
    assert isinstance(data, str) and data.startswith(MARK), data


def assert_workbook_matches(path: Path, tables: list[dict[str, Any]], stamp: str) -> None:
    """Each sheet: the title, the context lines and the stamp, the header, the rows, a blank
    line, then the signature lines, exactly as on screen."""
    book = load_workbook(path)
    assert len(book.worksheets) == len(tables)
    for sheet, table in zip(book.worksheets, tables, strict=True):
        lines = [list(row) for row in sheet.iter_rows(values_only=True)]
        width = len(table["columns"])
        assert lines[0][0] == table["title"]
        shown = len(table["context"])
        assert [line[0] for line in lines[1 : 1 + shown]] == table["context"]
        assert_stamp_lines([line[0] for line in lines[1 + shown : 3 + shown]], stamp)
        context = shown + 2
        assert lines[1 + context][:width] == table["columns"]
        data = lines[2 + context : 2 + context + len(table["rows"])]
        assert len(data) == len(table["rows"])
        for stored, shown in zip(data, table["rows"], strict=True):
            assert len(shown) == width
            assert all(same_cell(s, v) for s, v in zip(shown, stored, strict=True)), (
                shown,
                stored,
            )
        rest = lines[2 + context + len(table["rows"]) :]
        assert [line[0] for line in rest if line[0] is not None] == table["footer"]


def download(page: Any, link: str, folder: Path) -> Path:
    """Click a download link; the file as saved under the name the site gave it."""
    with page.expect_download() as started:
        page.get_by_role("link", name=link).click()
    target = folder / started.value.suggested_filename
    started.value.save_as(target)
    return target


def test_a_regulator_downloads_the_quarterly_table_as_on_screen(
    site: Site, page: Any, tmp_path: Path
) -> None:
    site.login(page, "city_regulator")
    page.goto(site.url + "/tables")
    assert_accessible(page)
    page.get_by_role("link", name="季度验收情况统计表").click()
    ask(page, "DEMO-01-01", "2023Q2", as_of="2024-01-01")
    [table] = on_screen(page)
    assert table["title"].endswith("验收情况统计表")
    assert "填报单位：南丰乡" in table["context"]
    assert "期间：2023年第二季度" in table["context"]
    assert any(line.startswith("数据截至：2024年1月1日 23:59:59") for line in table["context"])
    assert table["columns"][:3] == ["序号", "退役军人服务站名称", "得分"]
    assert len(table["rows"]) == 6
    assert table["footer"][0].startswith("服务站负责人：")
    assert "经办人：" in table["footer"][0] and "联系电话：" in table["footer"][0]
    assert page.get_by_label("截至日期").input_value() == "2024-01-01"
    assert_accessible(page)
    screenshot(page, "table-quarterly")

    workbook = download(page, "下载 XLSX", tmp_path)
    assert workbook.name == "quarterly-DEMO-01-01-2023Q2.xlsx"
    stamp = on_screen_stamp(page)
    assert_workbook_matches(workbook, [table], stamp)
    text = download(page, "下载 CSV", tmp_path).read_text(encoding="utf-8-sig")
    *body, blank, person, data = list(csv.reader(io.StringIO(text)))
    assert body == [table["columns"], *table["rows"]] and blank == []
    assert_stamp_lines([*person, *data], stamp)


def test_a_regulator_downloads_the_county_summary_as_on_screen(
    site: Site, page: Any, tmp_path: Path
) -> None:
    site.login(page, "city_regulator")
    page.goto(site.url + "/tables/county-summary")
    ask(page, "DEMO", "2023", as_of="2024-06-30")
    [table] = on_screen(page)
    assert "填报单位：示范市" in table["context"]
    assert table["columns"][-4:] == ["加分减分", "特别考核项", "总分", "考核结果"]
    assert [row[0] for row in table["rows"]] == ["桥安县", "康桥县", "长新县"]
    for row in table["rows"]:  # 加分减分 is bonus − deductions; special points stand apart
        assert row[-4] in ("0", "-2") and row[-3] == "16"
        assert sum(Decimal(cell) for cell in row[2:-2]) == Decimal(row[-2])
    assert table["footer"] == ["备注：", "填表人：　　　　　　联系电话："]
    assert_accessible(page)
    screenshot(page, "table-county-summary")
    stamp = on_screen_stamp(page)
    assert_workbook_matches(download(page, "下载 XLSX", tmp_path), [table], stamp)


OVERLAPPING_LABELS = """svg => {
  const boxes = [...svg.querySelectorAll('text')].map(t => [t.textContent, t.getBBox()]);
  const meet = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width
                      && a.y < b.y + b.height && b.y < a.y + a.height;
  return boxes.flatMap(([s, a], i) => boxes.slice(i + 1)
    .filter(([, b]) => meet(a, b)).map(([t]) => s + ' / ' + t));
}"""
"""Pairs of the chart's words drawn over each other."""

CUT_LABELS = """svg => [...svg.querySelectorAll('text')]
  .filter(t => t.getBBox().x + t.getBBox().width > svg.viewBox.baseVal.width)
  .map(t => t.textContent)"""
"""The chart's words that run past its right edge."""


def test_the_compliance_chart_sets_each_quarter_against_its_target(site: Site, page: Any) -> None:
    site.login(page, "county_auditor", "DEMO-01")
    page.goto(site.url + "/tables/compliance")
    ask(page, "DEMO-01", "2023Q2")
    table = on_screen(page)[0]  # one table per rubric with targets; the first sets Q1's
    total = table["rows"][-1]
    assert total[0] == "合计"
    rate = total[table["columns"].index("达标率(%)")]
    chart = page.get_by_role("img", name="桥安县2023年各季度达标率与目标").first
    assert chart.is_visible()
    labels = chart.locator(".target-label").all_text_contents()
    assert labels == ["目标 25.0%", "目标 50.0%", "目标 75.0%", "目标 100.0%"]
    description = chart.locator("desc").text_content()
    assert f"第二季度：达标率 {rate}" in description and rate.endswith("%")
    assert "第三季度：目标 75.0%（尚未统计）" in description
    data = page.get_by_role("table", name="图表数据", exact=True).first
    second = data.get_by_role("row", name="第二季度")
    assert second.get_by_role("cell").all_inner_texts() == [rate, rate, "50.0%"]
    third = data.get_by_role("row", name="第三季度")  # the demo accepted nothing in Q3
    assert third.get_by_role("cell").all_inner_texts() == ["尚未统计", "尚未统计", "75.0%"]
    assert chart.evaluate(OVERLAPPING_LABELS) == []
    assert chart.evaluate(CUT_LABELS) == []
    assert_accessible(page)
    chart.scroll_into_view_if_needed()
    screenshot(page, "table-compliance")


def test_the_quarterly_table_draws_the_spread_of_totals_with_the_pass_mark(
    site: Site, page: Any
) -> None:
    site.login(page, "county_auditor", "DEMO-01")
    page.goto(site.url + "/tables/quarterly")
    ask(page, "DEMO-01-01", "2023Q2")
    [table] = on_screen(page)
    totals = [row[2] for row in table["rows"] if row[2]]
    chart = page.get_by_role("img", name="南丰乡2023年第二季度评分表总分分布")
    assert chart.is_visible()
    counts = chart.locator(".value").all_text_contents()
    assert sum(int(c) for c in counts) == len(totals)
    assert (chart.locator("desc").text_content() or "").endswith("达标线 90 分。")
    assert chart.evaluate(OVERLAPPING_LABELS) == []
    assert chart.evaluate(CUT_LABELS) == []
    assert_accessible(page)
    chart.scroll_into_view_if_needed()
    screenshot(page, "table-quarterly-spread")


def test_the_compliance_page_draws_a_bar_per_town_against_the_target(site: Site, page: Any) -> None:
    site.login(page, "county_auditor", "DEMO-01")
    page.goto(site.url + "/tables/compliance")
    ask(page, "DEMO-01", "2023Q2")
    table = on_screen(page)[0]  # one table per published version of the rubric
    towns = [row[0] for row in table["rows"]]
    chart = page.get_by_role("img", name="桥安县2023年第二季度各单位达标率与目标").first
    assert chart.is_visible()
    assert chart.locator("text.name").all_text_contents() == towns
    description = chart.locator("desc").text_content() or ""
    assert "目标 50.0%" in description and towns[0] in description
    assert chart.evaluate(OVERLAPPING_LABELS) == []
    assert chart.evaluate(CUT_LABELS) == []
    assert_accessible(page)
    chart.scroll_into_view_if_needed()
    screenshot(page, "table-compliance-units")


def test_the_task_tracker_highlights_the_overdue_criterion(site: Site, page: Any) -> None:
    site.login(page, "county_auditor", "DEMO-01")
    page.goto(site.url + "/tables/tasks")
    ask(page, "DEMO-01", "2024", as_of="2024-10-15")
    overdue = page.locator("section.report tr.overdue")
    assert overdue.count() == 1
    cells = overdue.first.get_by_role("cell").all_inner_texts()
    assert cells[0] == "6.3.1" and "2024-09-30" in cells and cells[-1] == "是"
    assert page.get_by_role("status").filter(has_text="逾期未完成 1 项").is_visible()
    done = page.locator("section.report tr", has_text="5.1.3")
    assert done.get_attribute("class") is None  # done before its deadline: not highlighted
    assert_accessible(page)
    screenshot(page, "table-tasks")
    ask(page, "DEMO-01", "2024", as_of="2024-09-30")
    assert page.locator("section.report tr.overdue").count() == 0


def test_a_bad_period_is_said_beside_it_and_no_table_is_shown(site: Site, page: Any) -> None:
    site.login(page, "town_reviewer", "DEMO-01-01")
    page.goto(site.url + "/tables/quarterly")
    assert page.locator("section.report").count() == 1  # 2023Q2, the only quarter it has sheets in
    ask(page, "DEMO-01-01", "2023Q9")
    period = page.get_by_label("期间", exact=True)
    assert period.get_attribute("aria-invalid") == "true"
    assert "2023Q9" in page.locator("#f-period-error").inner_text()
    assert period.input_value() == "2023Q9"
    assert page.locator("section.report").count() == 0
    assert page.get_by_role("link", name="下载 XLSX").count() == 0
    assert_accessible(page)
    page.goto(site.url + "/tables/compliance?period=2023")
    assert "按季度统计" in page.locator("#f-period-error").inner_text()
    page.goto(site.url + "/tables/quarterly?as_of_date=2023-02-30")
    assert "2023-02-30" in page.locator("#f-day-error").inner_text()
    assert_accessible(page)
    page.goto(site.url + "/tables/quarterly")
    ask(page, "DEMO-01-01", "2023Q2", as_of="2019-01-01")
    assert "尚未设立" in page.locator("#f-day-error").inner_text()
    assert page.get_by_label("截至日期").get_attribute("aria-invalid") == "true"
    assert page.locator("section.report").count() == 0


def test_the_print_view_shows_the_form_without_navigation(site: Site, page: Any) -> None:
    site.login(page, "town_reviewer", "DEMO-01-01")
    page.goto(site.url + "/tables/quarterly")
    ask(page, "DEMO-01-01", "2023Q2")
    [table] = on_screen(page)
    page.get_by_role("link", name="打印").click()
    page.wait_for_url("**print=1**")
    assert page.locator("nav, header.top, form").count() == 0
    assert on_screen(page) == [table]
    assert page.get_by_role("button", name="打印本页").is_visible()
    assert_accessible(page)
    screenshot(page, "table-print")
    page.emulate_media(media="print")
    assert not page.get_by_role("button", name="打印本页").is_visible()
    assert page.locator("ul.signatures").is_visible()
    assert page.pdf(format="A4", landscape=True)[:4] == b"%PDF"


def test_the_progress_report_and_who_may_read_what(site: Site, page: Any) -> None:
    site.login(page, "city_regulator")
    page.goto(site.url + "/tables/progress")
    [table] = on_screen(page)
    assert "完成进度情况" in table["columns"]
    assert table["rows"]
    assert_accessible(page)
    screenshot(page, "table-progress")
    page.get_by_role("button", name="退出").click()
    site.login(page, "station_staff", "DEMO-01-01-01")
    page.goto(site.url + "/tables")
    links = page.get_by_role("main").get_by_role("link").all_inner_texts()
    assert "季度验收情况统计表" in links and "抽查风险提示表" not in links
    page.goto(site.url + "/tables/risk?period=2023Q2")
    assert page.get_by_role("heading", level=1).inner_text() == "无权执行此操作"
