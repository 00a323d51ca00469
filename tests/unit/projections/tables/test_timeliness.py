"""Handed up in time (报送及时) under Fengdu v2: Q1 sheets are due by 31 March, so a station
that submits in April is late; the compliance table counts on time ÷ stations."""

from datetime import UTC, date, datetime
from decimal import Decimal
from uuid import UUID, uuid5

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
    assert table.columns[-2:] == ("按时报送数", "及时率(%)")
    assert table.rows[-1][-2:] == (2, Decimal("50.0"))
    assert "2023-03-31" in table.context[-1]


def test_a_rubric_without_deadlines_has_no_timeliness_columns() -> None:
    v1 = builtin("fengdu-village-station", 1)
    table = compliance_table(v1, "2023Q1", unit_id("C"), [], Q1)
    assert "及时率(%)" not in table.columns
