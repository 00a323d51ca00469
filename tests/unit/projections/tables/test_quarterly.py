"""The quarterly acceptance table of seed 002 (annex 2), for one town and quarter.

Fengdu's pass mark is 90 (“必须达到90分（含）以上”): a sheet scoring exactly 90 passes and
89.5 fails. Item maxima: 1 is 1 point, 2 is 2, 6, 7 and 9 are 3 each (seed 002, annex 1)."""

from datetime import date
from decimal import Decimal

import pytest

from domain.ids import unit_id
from domain.workflow import Status
from projections.scores import ScoreRow
from projections.tables.quarterly import quarterly_table
from projections.tables.table import Table
from tests.unit.projections.tables.builders import builtin, full_marks, hierarchy, sheet, unit

FENGDU = builtin("fengdu-village-station", 1)
UNITS = (
    unit("C", "丰都县", "county"),
    unit("T1", "三合街道", "town", "C", "王芳", "13900000001"),
    unit("T2", "名山街道", "town", "C"),
    unit("V1", "双路村", "village", "T1", "李强", "13900000011"),
    unit("V2", "滨江社区", "village", "T1", "张敏", "13900000012"),
    unit("V3", "峡南溪社区", "village", "T1"),
    unit("V4", "五显庙村", "village", "T2"),
)
Q2 = hierarchy(date(2023, 6, 30), *UNITS)
NINETY = full_marks(FENGDU, {"1": "0", "6": "0", "7": "0", "9": "0"})
EIGHTY_NINE_AND_A_HALF = {**NINETY, "2": {"points": "1.5"}}


def table(*rows: ScoreRow, period: str = "2023Q2", town: str = "T1") -> Table:
    return quarterly_table(FENGDU, period, unit_id(town), rows, Q2)


def test_columns_and_title_come_from_the_rubric_summary() -> None:
    t = table()
    assert t.name == "quarterly"
    assert t.title == "服务对象100人以下村（社区）退役军人服务站规范建设运行验收情况统计表"
    assert t.columns == ("序号", "退役军人服务站名称", "得分", "联系人", "联系电话", "备注")
    assert t.context == ("填报单位：三合街道", "期间：2023年第二季度")
    assert t.footer == ("服务站负责人：　　　　　　经办人：　　　　　　联系电话：",)
    assert t.rows == ()


def test_ninety_passes_and_eighty_nine_and_a_half_fails() -> None:
    t = table(
        sheet(FENGDU, "V2", "2023Q2", review=EIGHTY_NINE_AND_A_HALF),
        sheet(FENGDU, "V1", "2023Q2", review=NINETY),
    )
    assert t.rows == (
        (1, "双路村", Decimal(90), "李强", "13900000011", "合格"),
        (2, "滨江社区", Decimal("89.5"), "张敏", "13900000012", "不合格"),
    )


def test_a_veto_fails_whatever_the_total() -> None:
    entries = {**full_marks(FENGDU), "61": {"raised": ["2"]}}
    t = table(sheet(FENGDU, "V1", "2023Q2", review=entries))
    assert t.column("得分") == (Decimal(100),)
    assert t.column("备注") == ("一票否决",)


def test_bonus_counts_in_the_score() -> None:
    entries = {**NINETY, "60": {"points": "1.5"}}
    assert table(sheet(FENGDU, "V1", "2023Q2", review=entries)).column("得分") == (Decimal("91.5"),)


@pytest.mark.parametrize(
    ("status", "remark"),
    [
        (Status.DRAFT, "未提交"),
        (Status.SUBMITTED, "待验收"),
        (Status.RETURNED, "已退回"),
        (Status.APPROVED, "合格"),
        (Status.FINALIZED, "合格"),
    ],
)
def test_remarks_say_where_a_sheet_stands(status: Status, remark: str) -> None:
    t = table(sheet(FENGDU, "V1", "2023Q2", status, own=NINETY))
    assert t.column("备注") == (remark,)


def test_remarks_say_when_the_county_spot_checked() -> None:
    t = table(sheet(FENGDU, "V1", "2023Q2", review=NINETY, verification={"2": {"points": "1.5"}}))
    assert t.rows[0][2:] == (Decimal("89.5"), "李强", "13900000011", "不合格（已抽查复核）")


def test_lists_only_the_towns_sheets_of_the_quarter() -> None:
    t = table(
        sheet(FENGDU, "V1", "2023Q2", review=NINETY),
        sheet(FENGDU, "V1", "2023Q1", review=NINETY),
        sheet(FENGDU, "V4", "2023Q2", review=NINETY),
    )
    assert t.column("退役军人服务站名称") == ("双路村",)


def test_a_station_moved_later_stays_with_its_old_town_for_earlier_quarters() -> None:
    rows = [
        sheet(FENGDU, "V3", "2023Q2", review=NINETY),
        sheet(FENGDU, "V3", "2023Q3", Status.DRAFT),
    ]
    q3 = hierarchy(date(2023, 9, 30), *UNITS, moved={"V3": "T2"})
    assert table(*rows).column("退役军人服务站名称") == ("峡南溪社区",)
    assert quarterly_table(FENGDU, "2023Q3", unit_id("T1"), rows, q3).rows == ()
    assert quarterly_table(FENGDU, "2023Q3", unit_id("T2"), rows, q3).column("备注") == ("未提交",)


def test_refuses_a_hierarchy_of_another_day() -> None:
    with pytest.raises(ValueError, match="period 2023Q3 needs the one on its last day"):
        table(period="2023Q3")


def test_refuses_a_rubric_scored_per_year() -> None:
    with pytest.raises(ValueError, match="not per quarter"):
        quarterly_table(builtin("changzhi-county-centre"), "2023", unit_id("T1"), [], Q2)


def test_a_sheet_changed_after_its_first_approval_says_so_in_its_remarks() -> None:
    t = table(
        sheet(FENGDU, "V1", "2023Q2", review=NINETY, after_approval={"2": {"points": "1.5"}}),
        sheet(FENGDU, "V2", "2023Q2", review=NINETY),
        sheet(FENGDU, "V3", "2023Q2", Status.SUBMITTED, own=NINETY),
    )
    assert t.column("备注") == ("不合格（验收后有改动）", "合格", "待验收")
    assert t.column("得分") == (Decimal("89.5"), Decimal(90), Decimal(90))
