"""The task breakdown of seed 003 (Wushen): who answers for each criterion, by when, and
whether it is overdue. Criterion 5.1.3 (max 3) is due 2024年7月底 = 2024-07-31, led by 邱博
in 服务中心 with 赵静; 2.2.1 is 持续推进 and has no due date."""

from datetime import date
from decimal import Decimal

from domain.workflow import Status
from projections.tables.table import Table
from projections.tables.tasks import tasks_table
from tests.unit.projections.tables.builders import builtin, sheet

WUSHEN = builtin("wushen-banner-tasks")


def line(table: Table, number: str) -> dict[str, object]:
    row = next(r for r in table.rows if r[0] == number)
    return dict(zip(table.columns, row, strict=True))


def test_an_unscored_criterion_is_overdue_the_day_after_it_is_due() -> None:
    row = sheet(WUSHEN, "WS", "2024", Status.DRAFT)
    on_the_day = tasks_table(WUSHEN, row, "乌审旗退役军人事务局", date(2024, 7, 31))
    day_after = tasks_table(WUSHEN, row, "乌审旗退役军人事务局", date(2024, 8, 1))
    assert line(on_the_day, "5.1.3")["是否逾期"] == "否"
    assert line(day_after, "5.1.3") == {
        "序号": "5.1.3",
        "评分标准": WUSHEN.items_by_number["5.1.3"].standard,
        "牵头领导": "邱博",
        "责任股室": "服务中心",
        "责任人": "赵静",
        "完成时限": "2024年7月底",
        "截止日期": "2024-07-31",
        "状态": "未评分",
        "得分": None,
        "分值": Decimal(3),
        "是否逾期": "是",
    }


def test_a_scored_criterion_is_done_even_with_no_points() -> None:
    row = sheet(WUSHEN, "WS", "2024", review={"5.1.3": {"points": "0"}, "1.1.1": {"points": "2.5"}})
    t = tasks_table(WUSHEN, row, "乌审旗退役军人事务局", date(2024, 8, 1))
    assert [line(t, "5.1.3")[k] for k in ("状态", "得分", "是否逾期")] == [
        "已评分",
        Decimal(0),
        "否",
    ]
    assert line(t, "1.1.1")["得分"] == Decimal("2.5")


def test_a_criterion_without_a_due_date_is_never_overdue() -> None:
    t = tasks_table(WUSHEN, None, "乌审旗退役军人事务局", date(2025, 6, 1))
    assert line(t, "2.2.1")["完成时限"] == "持续推进"
    assert line(t, "2.2.1")["截止日期"] is None
    assert line(t, "2.2.1")["是否逾期"] == "否"
    assert line(t, "1.1.1")["是否逾期"] == "是"


def test_people_are_joined_and_a_missing_office_is_blank() -> None:
    t = tasks_table(WUSHEN, None, "乌审旗退役军人事务局", date(2024, 1, 1))
    assert line(t, "4.1.7")["责任人"] == "郝建丽、珠拉"
    assert line(t, "2.1.1")["责任股室"] is None


def test_every_criterion_is_listed_in_printed_order() -> None:
    t = tasks_table(WUSHEN, None, "乌审旗退役军人事务局", date(2024, 1, 1))
    assert t.column("序号") == tuple(i.number for i in WUSHEN.items())
    assert sum(m for m in t.column("分值") if isinstance(m, Decimal)) == 100
    assert t.title == "2024年度市对旗重点业务工作绩效考评细则任务分解表"
    assert t.context == ("被考核单位：乌审旗退役军人事务局", "统计日期：2024-01-01")


def test_the_counting_layer_decides_bands_and_deductions() -> None:
    row = sheet(
        WUSHEN,
        "WS",
        "2024",
        own={"6.2.4": {"rate": "95"}},
        review={"6.2.4": {"rate": "60"}, "6.1.4": {"counts": {"not_granted": 1}}},
    )
    t = tasks_table(WUSHEN, row, "乌审旗退役军人事务局", date(2024, 8, 1))
    assert (line(t, "6.2.4")["得分"], line(t, "6.1.4")["得分"]) == (Decimal(1), Decimal("0.5"))
