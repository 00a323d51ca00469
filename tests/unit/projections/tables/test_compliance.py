"""达标率 for seed 002: the share of a county's stations that pass, against 25/50/75/100 %.

Eight stations: 3 pass in Q2 → 3 / 8 = 37.5 % against the Q2 target 50 %, a gap of −12.5.
Two more passed in Q1 only, so 5 / 8 = 62.5 % have passed this year (gap +12.5)."""

from datetime import date
from decimal import Decimal

import pytest

from domain.ids import unit_id
from domain.workflow import Status
from projections.scores import ScoreRow
from projections.tables.compliance import compliance_table
from projections.tables.table import Table
from tests.unit.projections.tables.builders import builtin, full_marks, hierarchy, sheet, unit

FENGDU = builtin("fengdu-village-station", 1)
UNITS = (
    unit("C", "丰都县", "county"),
    unit("T1", "三合街道", "town", "C"),
    unit("T2", "名山街道", "town", "C"),
    unit("T3", "新设街道", "town", "C"),
    *(unit(f"V1{n}", f"一{n}村", "village", "T1") for n in range(1, 6)),
    unit("V16", "已撤并村", "village", "T1", closed=True),
    *(unit(f"V2{n}", f"二{n}村", "village", "T2") for n in range(1, 4)),
)
Q2 = hierarchy(date(2023, 6, 30), *UNITS)
FULL = full_marks(FENGDU)
NINETY = full_marks(FENGDU, {"1": "0", "6": "0", "7": "0", "9": "0"})
BELOW = {**NINETY, "2": {"points": "1.5"}}
VETOED = {**FULL, "61": {"raised": ["1"]}}
SHEETS = [
    sheet(FENGDU, "V11", "2023Q2", review=NINETY),
    sheet(FENGDU, "V12", "2023Q2", Status.FINALIZED, review=FULL),
    sheet(FENGDU, "V13", "2023Q2", review=BELOW),
    sheet(FENGDU, "V14", "2023Q2", Status.DRAFT, own=FULL),
    sheet(FENGDU, "V15", "2023Q2", review=VETOED),
    sheet(FENGDU, "V21", "2023Q2", review=FULL),
    sheet(FENGDU, "V22", "2023Q2", Status.RETURNED, own=FULL),
    sheet(FENGDU, "V23", "2023Q1", review=NINETY),
    sheet(FENGDU, "V13", "2023Q1", review=FULL),
    sheet(FENGDU, "V14", "2023Q3", review=FULL),
    sheet(FENGDU, "V22", "2022Q4", review=FULL),
]


def table(rows: list[ScoreRow], root: str = "C") -> Table:
    return compliance_table(FENGDU, "2023Q2", unit_id(root), rows, Q2)


def figures(*cells: object) -> tuple[object, ...]:
    return tuple(Decimal(c) if isinstance(c, str) and c[-1].isdigit() else c for c in cells)


def test_rate_target_and_gap_per_town_and_in_total() -> None:
    t = table(SHEETS)
    assert t.columns == (
        *("单位", "服务站数", "已验收", "达标数", "达标率(%)", "目标(%)", "差距(百分点)"),
        *("累计达标数", "累计达标率(%)", "累计差距(百分点)"),
    )
    assert t.rows == (
        figures("三合街道", 5, 4, 2, "40.0", "50", "-10.0", 3, "60.0", "10.0"),
        figures("名山街道", 3, 1, 1, "33.3", "50", "-16.7", 2, "66.7", "16.7"),
        figures("新设街道", 0, 0, 0, None, "50", None, 0, None, None),
        figures("合计", 8, 5, 3, "37.5", "50", "-12.5", 5, "62.5", "12.5"),
    )
    assert t.context[:2] == ("填报单位：丰都县", "期间：2023年第二季度")


def test_a_closed_station_counts_only_when_it_has_a_sheet_this_quarter() -> None:
    with_closed = [*SHEETS, sheet(FENGDU, "V16", "2023Q2", Status.DRAFT)]
    assert table(SHEETS).rows[-1][1] == 8
    assert table(with_closed).rows[-1][1] == 9


LATER = (
    unit("T4", "二〇二六年新设街道", "town", "C", registered_on="2026-03-02"),
    *(unit(f"V4{n}", f"四{n}村", "village", "T4", registered_on="2026-03-02") for n in (1, 2)),
    unit("V17", "补录村", "village", "T1", registered_on="2026-03-02"),
)


def test_units_registered_after_the_quarter_change_neither_its_rows_nor_its_rate() -> None:
    grown = hierarchy(date(2023, 6, 30), *UNITS, *LATER)
    t = compliance_table(FENGDU, "2023Q2", unit_id("C"), SHEETS, grown)
    assert t.rows == table(SHEETS).rows


def test_a_station_registered_later_counts_when_it_has_a_sheet_of_the_quarter() -> None:
    grown = hierarchy(date(2023, 6, 30), *UNITS, *LATER)
    late_sheet = [*SHEETS, sheet(FENGDU, "V17", "2023Q2", review=FULL)]
    t = compliance_table(FENGDU, "2023Q2", unit_id("C"), late_sheet, grown)
    assert t.rows[-1][:5] == figures("合计", 9, 6, 4, "44.4")


def test_a_town_as_root_gives_one_row_per_station() -> None:
    t = table(SHEETS, root="T2")
    assert t.column("达标数") == (1, 0, 0, 1)
    assert t.column("累计达标数") == (1, 0, 1, 2)


def test_the_first_quarter_is_its_own_cumulative() -> None:
    q1 = hierarchy(date(2023, 3, 31), *UNITS)
    total = compliance_table(FENGDU, "2023Q1", unit_id("C"), SHEETS, q1).rows[-1]
    assert total == figures("合计", 8, 2, 2, "25.0", "25", "0.0", 2, "25.0", "0.0")


def test_needs_a_rubric_with_quarterly_targets() -> None:
    with pytest.raises(ValueError, match="sets no quarterly compliance targets"):
        compliance_table(builtin("changzhi-county-centre"), "2023Q2", unit_id("C"), [], Q2)


def test_needs_a_quarter() -> None:
    with pytest.raises(ValueError, match="is a year"):
        compliance_table(FENGDU, "2023", unit_id("C"), [], Q2)
