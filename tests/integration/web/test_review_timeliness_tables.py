"""Seed 002 v2 through the pages and the exports: a town that approves one station's 2023Q2
sheet by the review deadline (30 June) and the other's in July sees 按时 and 逾期 in the
quarterly table's 审核 column, and the compliance table counts one review in time of two."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime
from uuid import UUID

from openpyxl import load_workbook

from application.commands.assessments import Approve, OpenAssessment, SaveSheet, Submit
from tests.integration.web.test_falsification_named import download
from tests.integration.web.test_page_text import signed_in
from tests.integration.web.world import RUBRIC, World
from web.app import projections_of

PERIOD = "2023Q2"


def reviewed(world: World, village: str, staff: str, handed: datetime, approved: datetime) -> UUID:
    """A village's full 2023Q2 sheet on Fengdu v2, submitted and then approved by its town."""
    world.clock.current = handed
    opened = OpenAssessment(unit=village, rubric=RUBRIC, version=2, period=PERIOD)
    aid = world.send(staff, opened).id
    world.send(staff, SaveSheet(assessment_id=aid, entries=world.full_sheet(aid)))
    world.send(staff, Submit(assessment_id=aid))
    world.clock.current = approved
    world.send("reviewer", Approve(assessment_id=aid))
    return aid


def cells(page: str) -> list[str]:
    return re.findall(r"<t[hd][^>]*>([^<]*)</t[hd]>", page)


def csv_rows(world: World, table: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(download(world, table, "csv").decode("utf-8-sig"))))


def test_the_tables_say_which_reviews_were_late_on_pages_csv_and_xlsx(world: World) -> None:
    june = [datetime(2023, 6, day, 2, tzinfo=UTC) for day in (1, 10, 20)]
    reviewed(world, "V1", "staff", june[0], june[1])
    reviewed(world, "V2", "staff2", june[2], datetime(2023, 7, 2, 2, tzinfo=UTC))
    projections_of(world.app).catch_up()

    reviewer = signed_in(world, "reviewer")
    page = reviewer.get(f"/tables/quarterly?unit=T1&period={PERIOD}").get_data(as_text=True)
    shown = cells(page)
    assert shown[shown.index("报送") : shown.index("报送") + 2] == ["报送", "审核"]
    v1, v2 = shown.index("V1 单位"), shown.index("V2 单位")
    assert shown[v1 + 5 : v1 + 7] == ["按时", "按时"]  # 报送, 审核
    assert shown[v2 + 5 : v2 + 7] == ["按时", "逾期"]
    auditor = signed_in(world, "auditor")
    page = auditor.get(f"/tables/compliance?unit=C1&period={PERIOD}").get_data(as_text=True)
    assert "审核及时率＝按时审核数÷服务站数" in page
    shown = cells(page)
    at = shown.index("按时审核数")
    assert shown[at + 1] == "审核及时率(%)"
    total = shown.index("合计", at)  # the v2 table's total row
    assert shown[total + 10 : total + 14] == ["2", "100.0%", "1", "50.0%"]

    quarterly = csv_rows(world, "quarterly")
    assert quarterly[0][-2:] == ["报送", "审核"]
    assert [r[-1] for r in quarterly[1:3]] == ["按时", "逾期"]
    compliance = csv_rows(world, "compliance")
    header = next(r for r in compliance if "审核及时率(%)" in r)
    total_row = compliance[compliance.index(header) + 2]
    assert dict(zip(header, total_row, strict=True))["审核及时率(%)"] == "50.0%"
    book = load_workbook(io.BytesIO(download(world, "quarterly", "xlsx")))
    rows = [row for row in book.worksheets[0].iter_rows(values_only=True) if "审核" in row]
    assert rows and rows[0][-2:] == ("报送", "审核")
    late = [row for row in book.worksheets[0].iter_rows(values_only=True) if "V2 单位" in row]
    assert late and late[0][-1] == "逾期"
