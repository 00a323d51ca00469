"""The scores export: one row per sheet, and one sheet's items with its layers side by side."""

from decimal import Decimal

from domain.workflow import Status
from projections.tables.scores import scores_table, sheet_items_table
from projections.tables.table import Table
from tests.unit.projections.tables.builders import builtin, full_marks, sheet, unit

FENGDU = builtin("fengdu-village-station", 1)
CHANGZHI = builtin("changzhi-county-centre")
UNITS = {u.unit_id: u for u in (unit("V1", "双路村", "village"), unit("V2", "滨江社区", "village"))}


def line(table: Table, number: str) -> dict[str, object]:
    row = next(r for r in table.rows if r[0] == number)
    return dict(zip(table.columns, row, strict=True))


def test_one_row_per_sheet_by_rubric_period_and_unit_in_names_and_china_time() -> None:
    rows = [
        sheet(FENGDU, "V2", "2023Q2", Status.SUBMITTED, own=full_marks(FENGDU)),
        sheet(FENGDU, "V1", "2023Q2", review=full_marks(FENGDU, {"2": "1"})),
    ]
    titles = {("fengdu-village-station", 1): FENGDU.title}
    t = scores_table(rows, UNITS, {"closer": "周经办"}, titles)
    assert t.columns == (
        *("单位代码", "单位", "评分表", "版本", "期间", "状态", "总分", "结果", "验收后改动"),
        *("最后修改人", "角色", "最后修改时间"),
    )
    assert t.rows == (
        (
            *("V1", "双路村", FENGDU.title, 1, "2023年第二季度", "已验收"),
            *(Decimal(99), "合格", None, "周经办", "镇街验收", "2023年7月1日 17:00:00"),
        ),
        (
            *("V2", "滨江社区", FENGDU.title, 1, "2023年第二季度", "待验收"),
            *(Decimal(100), "合格", None, "周经办", "镇街验收", "2023年7月1日 17:00:00"),
        ),
    )


def test_a_sheet_changed_after_its_first_approval_is_marked() -> None:
    rows = [
        sheet(
            FENGDU, "V1", "2023Q2", review=full_marks(FENGDU), after_approval={"2": {"points": "1"}}
        ),
        sheet(FENGDU, "V2", "2023Q2", review=full_marks(FENGDU)),
    ]
    t = scores_table(rows, UNITS, {}, {})
    assert t.column("验收后改动") == ("验收后有改动", None)
    assert t.column("状态") == ("已验收", "已验收")
    assert t.column("总分") == (Decimal(99), Decimal(100))


def test_a_sheets_items_show_each_layer_and_the_one_that_counts() -> None:
    row = sheet(
        FENGDU,
        "V1",
        "2023Q2",
        own={**full_marks(FENGDU), "61": {"raised": ["3"]}},
        review={"2": {"points": "1"}},
        verification={"2": {"points": "1.5"}, "3": {"points": "0"}},
    )
    t = sheet_items_table(FENGDU, row, "双路村")
    assert t.columns == ("序号", "评分标准", "分值", "自评", "初审", "复核", "计分层", "得分")
    assert list(line(t, "2").values())[2:] == [
        *(Decimal(2), Decimal(2), Decimal(1), Decimal("1.5"), "复核", Decimal("1.5")),
    ]
    assert list(line(t, "3").values())[3:] == [Decimal(2), None, Decimal(0), "复核", Decimal(0)]
    assert list(line(t, "4").values())[3:] == [Decimal(1), None, None, "自评", Decimal(1)]
    assert list(line(t, "58").values())[3:] == [None, None, None, None, None]
    assert list(line(t, "61").values())[3:] == ["否决：3", None, None, "自评", "否决：3"]
    assert t.context == ("被考核单位：双路村", "期间：2023年第二季度", "状态：已验收", "总分：97.5")


def test_deductions_show_as_negative_points() -> None:
    row = sheet(CHANGZHI, "C1", "2023", review={"65": {"counts": {"beijing": 2}}, "70": {}})
    t = sheet_items_table(CHANGZHI, row, "潞州区")
    assert line(t, "65")["初审"] == line(t, "65")["得分"] == Decimal(-6)
    assert str(line(t, "70")["得分"]) == "0"
