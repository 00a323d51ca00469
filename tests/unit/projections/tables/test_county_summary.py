"""The summary table of seed 001 (annex 2): one row per county centre, one column per section.

The sheet below is typed from the seed's maxima: 一 组织领导 31 (item 4, max 4, given 3 → 30),
二 机构建设 23 (item 16, max 4, given 2.5 → 21.5), 三 能力建设 4 (full), 四 政治文化 13
(item 27, max 2, given 0 → 11), 五 服务保障 29 (item 47, max 3, given 2.5 → 28.5): base 95.
Bonus: item 62 national 3 + item 64 1 = 4. Special: 66–69 given 8 + 3 + 4 + 2 = 17.
Deductions: item 65 one 进京上访 (3) and two 赴省上访 (1 each), item 70 one 站长不在岗 (2) = 7.
总分 95 + 4 + 17 − 7 = 109; 加分减分 = bonus − deductions = 4 − 7 = −3, and version 2 of the
rubric shows the special points in their own column 特别考核项, so the row adds up to 总分."""

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.ids import unit_id
from domain.rubric import SummaryColumn, SummaryTable
from domain.rubric_checks import FIGURES as DOMAIN_FIGURES
from domain.rules import Kind
from domain.workflow import Status
from projections.errors import UnknownSourceError
from projections.tables.county_summary import county_summary_table
from projections.tables.sources import ALLOWED
from tests.unit.projections.tables.builders import builtin, full_marks, hierarchy, sheet, unit

CHANGZHI = builtin("changzhi-county-centre")
UNITS = (
    unit("CZ", "长治市", "city"),
    unit("C1", "潞州区", "county", "CZ"),
    unit("C2", "上党区", "county", "CZ"),
    unit("T1", "东街街道", "town", "C1"),
)
YEAR = hierarchy(date(2023, 12, 31), *UNITS)
SHEET: dict[str, Any] = {
    **full_marks(CHANGZHI, {"4": "3", "16": "2.5", "27": "0", "47": "2.5"}),
    "62": {"claims": [["全国双拥模范表彰", "national"]]},
    "64": {"claims": [["就业创业平台", "met"]]},
    "65": {"counts": {"beijing": 1, "province": 2}},
    "66": {"points": "8"},
    "67": {"points": "3"},
    "68": {"points": "4"},
    "69": {"points": "2"},
    "70": {"counts": {"not_on_duty": 1}},
}


def test_sections_bonus_and_total_as_typed_from_the_seed() -> None:
    rows = [sheet(CHANGZHI, "C1", "2023", review=SHEET)]
    t = county_summary_table(CHANGZHI, "2023", unit_id("CZ"), rows, YEAR)
    assert t.name == "county-summary"
    assert t.title == "基层服务中心量化考核情况统计表"
    assert t.columns == (
        *("县(市、区)", "服务(中心)站名称", "组织领导", "机构建设", "能力建设", "政治文化"),
        *("服务保障", "加分减分", "特别考核项", "总分", "考核结果"),
    )
    assert t.rows == (
        (
            "潞州区",
            "潞州区",
            *(Decimal(p) for p in ("30", "21.5", "4", "11", "28.5", "-3", "17", "109")),
            "已验收",
        ),
    )
    assert t.context == ("填报单位：长治市", "期间：2023年度")


def test_one_row_per_centre_in_code_order_with_its_status() -> None:
    rows = [
        sheet(CHANGZHI, "C2", "2023", Status.SUBMITTED, own=full_marks(CHANGZHI)),
        sheet(CHANGZHI, "C1", "2023", review=SHEET),
        sheet(CHANGZHI, "C1", "2022", review=SHEET),
    ]
    t = county_summary_table(CHANGZHI, "2023", unit_id("CZ"), rows, YEAR)
    assert t.column("服务(中心)站名称") == ("潞州区", "上党区")
    assert t.column("总分") == (Decimal(109), Decimal(100))
    assert t.column("考核结果") == ("已验收", "待验收")


def test_a_station_below_a_county_names_its_county() -> None:
    rows = [sheet(CHANGZHI, "T1", "2023", review=full_marks(CHANGZHI))]
    t = county_summary_table(CHANGZHI, "2023", unit_id("CZ"), rows, YEAR)
    assert t.rows[0][:2] == ("潞州区", "东街街道")


STANDARD = [i for i in CHANGZHI.items() if i.kind in (Kind.STANDARD, Kind.SPECIAL)]


@settings(max_examples=25, deadline=None)
@given(st.data())
def test_the_columns_always_add_up_to_the_total(data: st.DataObject) -> None:
    entries: dict[str, Any] = {}
    for item in STANDARD:
        halves = int((item.max_points or 0) * 2)
        entries[item.number] = {"points": str(Decimal(data.draw(st.integers(0, halves))) / 2)}
    entries["65"] = {"counts": {"city_petition": data.draw(st.integers(0, 7))}}
    entries["61"] = {
        "claims": [["省部级批示", data.draw(st.sampled_from(["ministerial", "prefectural"]))]]
    }
    row = sheet(CHANGZHI, "C1", "2023", review=entries)
    figures = county_summary_table(CHANGZHI, "2023", unit_id("CZ"), [row], YEAR).rows[0]
    columns = [cell for cell in figures[2:9] if isinstance(cell, Decimal)]
    assert len(columns) == 7
    assert sum(columns) == figures[9] == row.summary.total


def test_bonus_minus_deductions_never_folds_in_special_points() -> None:
    first = builtin("changzhi-county-centre", 1)
    assert first.summary is not None
    assert "special" not in {column.source for column in first.summary.columns}
    row = sheet(first, "C1", "2023", review=SHEET)
    t = county_summary_table(first, "2023", unit_id("CZ"), [row], YEAR)
    assert t.column("加分减分") == (Decimal(-3),)


def test_a_county_with_only_special_points_shows_them_in_their_own_column() -> None:
    only_special = {**full_marks(CHANGZHI), "66": {"points": "10"}, "68": {"points": "4"}}
    only_special["67"], only_special["69"] = {"points": "0"}, {"points": "2"}
    row = sheet(CHANGZHI, "C1", "2023", review=only_special)
    t = county_summary_table(CHANGZHI, "2023", unit_id("CZ"), [row], YEAR)
    assert (t.column("加分减分"), t.column("特别考核项")) == ((Decimal(0),), (Decimal(16),))
    assert t.column("总分") == (Decimal(116),)


def test_an_unknown_source_is_named_with_the_allowed_ones() -> None:
    rubric = replace(CHANGZHI, summary=SummaryTable("统计表", (SummaryColumn("平均分", "mean"),)))
    with pytest.raises(UnknownSourceError) as raised:
        county_summary_table(rubric, "2023", unit_id("CZ"), [], YEAR)
    message = str(raised.value)
    assert "summary column '平均分': unknown source 'mean'" in message
    assert "allowed: row, parent, unit, contact, phone, remarks" in message
    assert "section:<number>" in message


def test_a_section_source_must_name_a_top_level_section() -> None:
    rubric = replace(CHANGZHI, summary=SummaryTable("统计表", (SummaryColumn("六", "section:六"),)))
    with pytest.raises(UnknownSourceError, match="no top-level section numbered '六'"):
        county_summary_table(rubric, "2023", unit_id("CZ"), [], YEAR)


def test_fills_every_source_a_rubric_may_name() -> None:
    assert set(ALLOWED) - {"section:<number>"} == set(DOMAIN_FIGURES)
