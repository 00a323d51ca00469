"""A rubric's windows: read from its file, turned into dates per period, judged in China time."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.deadlines import (
    Timeliness,
    WindowClosedError,
    check_self_open,
    hand_up_deadline,
    timeliness,
    window_of,
)
from domain.errors import RubricDefinitionError
from domain.rubric_definition import rubric_from_definition
from infra.rubric_files import BUILTIN_DIR, read_definition

FENGDU_V2 = BUILTIN_DIR / "fengdu-village-station.v2.yaml"


def fengdu_with(deadlines: object) -> dict[str, object]:
    definition = dict(read_definition(FENGDU_V2))
    definition["deadlines"] = deadlines
    return definition


def test_fengdu_hands_up_by_the_end_of_april_june_september_and_december() -> None:
    rubric = rubric_from_definition(read_definition(FENGDU_V2), "fengdu v2")
    ends = [hand_up_deadline(rubric, f"2023Q{q}") for q in range(1, 5)]
    assert [w.hand_up for w in ends if w] == [
        date(2023, 4, 30),
        date(2023, 6, 30),
        date(2023, 9, 30),
        date(2023, 12, 31),
    ]
    q1 = window_of(rubric, "2023Q1")
    assert q1 is not None
    assert (q1.opens, q1.submission, q1.review) == (
        date(2023, 1, 1),
        date(2023, 3, 31),
        date(2023, 4, 30),
    )


def test_a_rubric_without_deadlines_has_no_window() -> None:
    rubric = rubric_from_definition(
        read_definition(BUILTIN_DIR / "fengdu-village-station.v1.yaml"), "v1"
    )
    assert window_of(rubric, "2023Q1") is None


def test_changzhi_inspection_week_is_the_eleventh_to_the_fifteenth_of_september() -> None:
    rubric = rubric_from_definition(
        read_definition(BUILTIN_DIR / "changzhi-county-centre.v3.yaml"), "changzhi v3"
    )
    window = window_of(rubric, "2023")
    assert window is not None
    assert (window.opens, window.submission, window.review, window.hand_up) == (
        date(2023, 9, 5),
        date(2023, 9, 10),
        date(2023, 9, 15),
        date(2023, 9, 15),
    )


@pytest.mark.parametrize(
    ("deadlines", "words"),
    [
        (
            {"Q1": {"submission": "03-31", "review": "04-30", "hand_up": "04-30"}},
            "'Q2' is required",
        ),
        (
            {
                q: {"submission": "04-31", "review": "05-01", "hand_up": "05-01"}
                for q in ("Q1", "Q2", "Q3", "Q4")
            },
            "'submission' must be a month-day like 04-30",
        ),
        (
            {
                q: {"submission": "06-30", "review": "04-30", "hand_up": "06-30"}
                for q in ("Q1", "Q2", "Q3", "Q4")
            },
            "dates must not go back",
        ),
        (
            {"year": {"submission": "03-31", "review": "04-30", "hand_up": "04-30"}},
            "unknown key 'year'",
        ),
    ],
)
def test_a_wrong_window_is_refused_naming_where(deadlines: object, words: str) -> None:
    with pytest.raises(RubricDefinitionError) as refused:
        rubric_from_definition(fengdu_with(deadlines), "file")
    assert words in str(refused.value)
    assert "deadlines" in str(refused.value)


def test_the_self_layer_closes_after_the_hand_up_day_in_china_time() -> None:
    rubric = rubric_from_definition(read_definition(FENGDU_V2), "fengdu v2")
    window = window_of(rubric, "2023Q1")
    last_minute = datetime(2023, 4, 30, 15, 59, tzinfo=UTC)  # 23:59 in China
    check_self_open(window, last_minute, returned=False)
    with pytest.raises(WindowClosedError) as refused:
        check_self_open(window, last_minute + timedelta(minutes=1), returned=False)
    assert "2023-04-30" in refused.value.message_zh and "2023Q1" in refused.value.message_zh
    check_self_open(window, last_minute + timedelta(days=30), returned=True)


@given(
    st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)),
    st.integers(min_value=-20 * 24 * 60, max_value=20 * 24 * 60),
)
def test_work_is_late_exactly_when_done_after_its_day_in_china(due: date, minutes: int) -> None:
    china_midnight = datetime(due.year, due.month, due.day, tzinfo=UTC) - timedelta(hours=8)
    done = china_midnight + timedelta(minutes=minutes)
    found = timeliness(due, done, done)
    assert (found is Timeliness.LATE) == (minutes >= 24 * 60)
    assert found in (Timeliness.ON_TIME, Timeliness.LATE)
    assert timeliness(due, None, done) is (
        Timeliness.OVERDUE if minutes >= 24 * 60 else Timeliness.PENDING
    )


@settings(deadline=None)  # each example reads a whole rubric
@given(
    st.datetimes(
        min_value=datetime(2023, 1, 1), max_value=datetime(2024, 3, 1), timezones=st.just(UTC)
    ),
    st.sampled_from(["2023Q1", "2023Q2", "2023Q3", "2023Q4"]),
    st.booleans(),
)
def test_the_self_layer_is_refused_exactly_after_the_close_unless_returned(
    at: datetime, period: str, returned: bool
) -> None:
    rubric = rubric_from_definition(read_definition(FENGDU_V2), "fengdu v2")
    window = window_of(rubric, period)
    assert window is not None
    closed = (at + timedelta(hours=8)).date() > window.hand_up and not returned
    try:
        check_self_open(window, at, returned)
        refused = False
    except WindowClosedError:
        refused = True
    assert refused == closed
