"""Handed up and reviewed in time (报送及时, 审核及时) under Fengdu v2: Q1 sheets are due by
31 March, so a station that submits in April is late, and the town reviews them by 30 April,
so a first approval or return in May is late; the compliance table counts on time ÷ stations
for both, per town and in total."""

from datetime import UTC, date, datetime
from decimal import Decimal
from uuid import UUID, uuid5

from hypothesis import given, settings
from hypothesis import strategies as st

from domain.china_time import china_day
from domain.ids import unit_id
from domain.workflow import Status
from projections.scores import ScoreRow, SheetChange, SheetHead, replay, score_row
from projections.tables.compliance import compliance_table
from projections.tables.quarterly import quarterly_table
from tests.unit.projections.tables.builders import builtin, full_marks, hierarchy, unit

FENGDU = builtin("fengdu-village-station", 2)
UNITS = (
    unit("C", "丰都县", "county"),
    unit("T1", "三合街道", "town", "C"),
    *(unit(f"V{n}", f"{n}号村", "village", "T1") for n in range(1, 5)),
)
Q1 = hierarchy(date(2023, 3, 31), *UNITS)
LAST_MINUTE = datetime(2023, 3, 31, 15, 59, tzinfo=UTC)  # 23:59 in China
APRIL_FIRST = datetime(2023, 3, 31, 16, 0, tzinfo=UTC)  # 00:00 on 1 April in China
APRIL_LAST = datetime(2023, 4, 30, 15, 59, tzinfo=UTC)  # 23:59 on 30 April in China
MAY_FIRST = datetime(2023, 4, 30, 16, 0, tzinfo=UTC)  # 00:00 on 1 May in China


def handed_up(code: str, *steps: tuple[Status, datetime]) -> ScoreRow:
    """A Q1 sheet filled in, then moved through `steps` (status, when)."""
    uid = unit_id(code)
    aid = uuid5(uid, f"{FENGDU.code}:2023Q1")
    head = SheetHead(aid, uid, UUID(int=1), FENGDU.code, FENGDU.version, "2023Q1", 1)
    t0 = datetime(2023, 3, 1, tzinfo=UTC)
    changes = [SheetChange(aid, 1, 1, t0, "staff", "station_staff", status=Status.DRAFT.value)]
    for number, entry in full_marks(FENGDU).items():
        n = len(changes) + 1
        changes.append(
            SheetChange(aid, n, n, t0, "staff", "station_staff", None, "self", number, entry)
        )
    for status, at in steps:
        n = len(changes) + 1
        changes.append(SheetChange(aid, n, n, at, "someone", "station_staff", status=status.value))
    return score_row(replay(head, changes), FENGDU)


SHEETS = [
    handed_up("V1", (Status.SUBMITTED, LAST_MINUTE), (Status.APPROVED, APRIL_FIRST)),
    handed_up(
        "V2",
        (Status.SUBMITTED, LAST_MINUTE),
        (Status.RETURNED, APRIL_FIRST),
        (Status.SUBMITTED, APRIL_FIRST),
    ),
    handed_up("V3", (Status.SUBMITTED, APRIL_FIRST)),
    handed_up("V4"),
]


def test_each_station_shows_whether_it_handed_up_in_time() -> None:
    table = quarterly_table(FENGDU, "2023Q1", unit_id("T1"), SHEETS, Q1)
    assert table.column("报送") == ("按时", "按时", "逾期", "未提交")


def test_the_timeliness_rate_is_on_time_over_stations() -> None:
    table = compliance_table(FENGDU, "2023Q1", unit_id("C"), SHEETS, Q1)
    assert table.column("按时报送数")[-1] == 2 and table.column("及时率(%)")[-1] == Decimal("50.0")
    assert "2023-03-31" in table.context[-1]


def test_a_rubric_without_deadlines_has_no_timeliness_columns() -> None:
    v1 = builtin("fengdu-village-station", 1)
    table = compliance_table(v1, "2023Q1", unit_id("C"), [], Q1)
    assert "及时率(%)" not in table.columns and "审核及时率(%)" not in table.columns


T2 = (unit("T2", "龙河镇", "town", "C"), unit("V5", "5号村", "village", "T2"))
TWO_TOWNS = hierarchy(date(2023, 3, 31), *UNITS, *T2)
REVIEWS = [
    handed_up("V1", (Status.SUBMITTED, LAST_MINUTE), (Status.APPROVED, APRIL_LAST)),
    handed_up(
        "V2",
        (Status.SUBMITTED, LAST_MINUTE),
        (Status.RETURNED, MAY_FIRST),
        (Status.SUBMITTED, MAY_FIRST),
        (Status.APPROVED, MAY_FIRST),
    ),
    handed_up("V3", (Status.SUBMITTED, APRIL_FIRST)),
    handed_up("V4"),
    handed_up("V5", (Status.SUBMITTED, APRIL_FIRST), (Status.RETURNED, APRIL_LAST)),
]


def test_each_sheet_shows_whether_its_town_reviewed_it_in_time() -> None:
    table = quarterly_table(FENGDU, "2023Q1", unit_id("T1"), REVIEWS, TWO_TOWNS)
    assert table.columns[-2:] == ("报送", "审核")
    assert table.column("退役军人服务站名称") == ("1号村", "2号村", "3号村", "4号村")
    assert table.column("审核") == ("按时", "逾期", "未审核", "未审核")


def test_the_review_timeliness_rate_is_reviewed_on_time_over_stations_per_town() -> None:
    table = compliance_table(FENGDU, "2023Q1", unit_id("C"), REVIEWS, TWO_TOWNS)
    assert table.column("单位") == ("三合街道", "龙河镇", "合计")
    assert table.column("按时审核数") == (1, 1, 2)
    assert table.column("审核及时率(%)") == (Decimal("25.0"), Decimal("100.0"), Decimal("40.0"))
    assert table.column("及时率(%)") == (Decimal("50.0"), Decimal("0.0"), Decimal("40.0"))
    assert "审核及时率＝按时审核数÷服务站数" in table.context[-1]
    assert "2023-04-30" in table.context[-1]


def test_a_rubric_without_deadlines_has_no_review_column() -> None:
    v1 = builtin("fengdu-village-station", 1)
    table = quarterly_table(v1, "2023Q1", unit_id("T1"), REVIEWS, TWO_TOWNS)
    assert "审核" not in table.columns and "报送" not in table.columns
    assert len(table.rows) == 4


@settings(max_examples=50)
@given(st.datetimes(datetime(2023, 4, 1), datetime(2023, 6, 30), timezones=st.just(UTC)))
def test_a_review_is_on_time_exactly_when_its_china_day_is_by_the_deadline(at: datetime) -> None:
    row = handed_up("V1", (Status.SUBMITTED, LAST_MINUTE), (Status.APPROVED, at))
    table = quarterly_table(FENGDU, "2023Q1", unit_id("T1"), [row], Q1)
    expected = "按时" if china_day(at) <= date(2023, 4, 30) else "逾期"
    assert table.column("审核") == (expected,)
