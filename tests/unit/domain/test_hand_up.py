"""A hand-up keeps the tables as they were, the hash of their rows, and where the log stood;
a restatement lists every row that differs since, old → new, and nothing else."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime
from uuid import UUID

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.audit import Stamp, event_hash, topic_of
from domain.canonical import canonical_json
from domain.deadlines import Window
from domain.errors import DomainError
from domain.hand_up import Handed, HandedTable, HandUp, Snapshot, hand_up_due, hand_up_id, on_time
from domain.restatement import CellChange, RowKind, restatement

TOWN = UUID(int=7)
REVIEWER = Stamp("reviewer", "town_reviewer", str(TOWN), datetime(2023, 6, 28, tzinfo=UTC), "r")
COLUMNS = ("序号", "服务站名称", "得分", "备注")
TABLE = HandedTable("验收情况统计表", COLUMNS, ((1, "一村", "98", ""), (2, "二村", "91", "")))


def handed(*tables: HandedTable) -> HandUp:
    record = HandUp.start(REVIEWER, TOWN, "quarterly", "2023Q2")
    record.hand_up(REVIEWER, Snapshot(tables, 40, 41, "ab" * 32))
    return record


def test_a_hand_up_records_the_rows_their_hash_and_the_log_position() -> None:
    record = handed(TABLE)
    got = record.latest
    assert record.id == hand_up_id(TOWN, "quarterly", "2023Q2")
    assert got.tables == (TABLE,)
    rows = [[list(row) for row in TABLE.rows]]
    assert got.rows_hash == hashlib.sha256(canonical_json(rows)).hexdigest()
    assert (got.position, got.tree_size, got.at, got.actor_id) == (40, 41, REVIEWER.at, "reviewer")
    for event in record.collect_events():
        state = dict(event.__dict__)
        assert event.hash == event_hash(
            record.id, event.originator_version, topic_of(type(event)), state
        )


def test_a_second_hand_up_is_added_beside_the_first() -> None:
    record = handed(TABLE)
    changed = HandedTable(TABLE.title, COLUMNS, ((1, "一村", "90", ""),))
    record.hand_up(REVIEWER, Snapshot((changed,), 50, 51, "cd" * 32))
    assert [h.position for h in record.hand_ups] == [40, 50]
    assert record.hand_ups[0].tables == (TABLE,)


def test_nothing_to_hand_up_is_refused() -> None:
    with pytest.raises(DomainError, match="nothing to hand up"):
        handed()
    with pytest.raises(DomainError, match="nothing to hand up"):
        handed(HandedTable(TABLE.title, COLUMNS, ()))


def test_a_period_that_is_not_one_is_refused() -> None:
    with pytest.raises(DomainError):
        HandUp.start(REVIEWER, TOWN, "quarterly", "2023Q5")


def test_a_changed_score_is_restated_old_to_new_and_the_numbering_is_not() -> None:
    now = HandedTable(
        TABLE.title,
        COLUMNS,
        ((1, "三村", "88", ""), (2, "一村", "98", ""), (3, "二村", "85", "复核扣分")),
    )
    changes = restatement([TABLE], [now])
    assert [(c.key, c.kind) for c in changes] == [
        ("二村", RowKind.CHANGED),
        ("三村", RowKind.ADDED),
    ]
    assert changes[0].cells == (CellChange("得分", "91", "85"), CellChange("备注", "", "复核扣分"))


def test_a_row_gone_since_is_restated_as_removed() -> None:
    now = HandedTable(TABLE.title, COLUMNS, ((1, "一村", "98", ""),))
    (change,) = restatement([TABLE], [now])
    assert (change.key, change.kind, change.cells[0]) == (
        "二村",
        RowKind.REMOVED,
        CellChange("得分", "91", None),
    )


def test_a_column_the_table_gained_since_is_no_restatement_of_its_rows() -> None:
    now = HandedTable(
        TABLE.title,
        (*COLUMNS, "审核"),
        ((1, "一村", "98", "", "按时"), (2, "二村", "90", "", "逾期")),
    )
    (change,) = restatement([TABLE], [now])
    assert (change.key, change.cells) == ("二村", (CellChange("得分", "91", "90"),))


names = st.lists(st.sampled_from(["一村", "二村", "三村", "四村"]), unique=True, max_size=4)
scores = st.sampled_from(["80", "90", "100"])


@st.composite
def tables(draw: st.DrawFn) -> HandedTable:
    rows = tuple((n, name, draw(scores), "") for n, name in enumerate(draw(names), start=1))
    return HandedTable("表", COLUMNS, rows)


@given(tables())
def test_a_table_unchanged_since_is_no_restatement(table: HandedTable) -> None:
    assert restatement([table], [table]) == []


@given(tables(), tables())
def test_every_station_whose_row_differs_is_restated_once(
    old: HandedTable, new: HandedTable
) -> None:
    before = {r[1]: r[2:] for r in old.rows}
    after = {r[1]: r[2:] for r in new.rows}
    differing = {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
    keys = [c.key for c in restatement([old], [new])]
    assert sorted(keys) == sorted(differing)


def test_a_hand_up_is_judged_by_the_earliest_declared_day_in_china_time() -> None:
    window = Window(
        "2023Q1", date(2023, 1, 1), date(2023, 3, 31), date(2023, 4, 20), date(2023, 4, 30)
    )
    later = Window(
        "2023Q1", date(2023, 1, 1), date(2023, 3, 31), date(2023, 4, 20), date(2023, 5, 9)
    )
    due = hand_up_due([None, later, window])
    assert due == date(2023, 4, 30)
    assert hand_up_due([None]) is None

    def handed(at: datetime) -> Handed:
        return Handed(1, at, "a", "town_reviewer", (), "0" * 64, 1, 1, "0" * 64)

    # 23:30 on 30 April in Beijing is 15:30 UTC: on time; 00:30 on 1 May is late.
    assert on_time(handed(datetime(2023, 4, 30, 15, 30, tzinfo=UTC)), due) is True
    assert on_time(handed(datetime(2023, 4, 30, 16, 30, tzinfo=UTC)), due) is False
    assert on_time(handed(datetime(2023, 5, 1, tzinfo=UTC)), None) is None
