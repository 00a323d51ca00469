"""A deadline in the year after the period's: a leading + (a fourth quarter handed up by
+01-15) puts the day in the following year, the window closes then, dates still never go
back, and a rubric without it reads and hashes as before."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.deadlines import WindowClosedError, check_self_open, window_of
from domain.errors import RubricDefinitionError
from domain.rubric_definition import rubric_from_definition
from domain.rubric_json import rubric_to_dict
from infra.rubric_files import read_definition
from tests.unit.domain.test_deadlines import FENGDU_V2, fengdu_with

IN_YEAR = {
    "Q1": {"submission": "03-31", "review": "04-30", "hand_up": "04-30"},
    "Q2": {"submission": "06-30", "review": "06-30", "hand_up": "06-30"},
    "Q3": {"submission": "09-30", "review": "09-30", "hand_up": "09-30"},
}


def with_q4(q4: dict[str, str]) -> dict[str, object]:
    return fengdu_with({**IN_YEAR, "Q4": q4})


JANUARY = {"submission": "12-31", "review": "+01-10", "hand_up": "+01-15"}


def test_a_fourth_quarter_handed_up_on_15_january_closes_in_the_next_year() -> None:
    rubric = rubric_from_definition(with_q4(JANUARY), "file")
    window = window_of(rubric, "2023Q4")
    assert window is not None
    assert (window.opens, window.submission, window.review, window.hand_up) == (
        date(2023, 10, 1),
        date(2023, 12, 31),
        date(2024, 1, 10),
        date(2024, 1, 15),
    )
    last_minute = datetime(2024, 1, 15, 15, 59, tzinfo=UTC)  # 23:59 in China
    check_self_open(window, last_minute, returned=False)
    with pytest.raises(WindowClosedError) as refused:
        check_self_open(window, last_minute + timedelta(minutes=1), returned=False)
    assert "2024-01-15" in refused.value.message_zh


@settings(max_examples=50, deadline=None)  # each example reads a whole rubric
@given(
    st.integers(min_value=2000, max_value=2090),
    st.dates(min_value=date(2001, 1, 1), max_value=date(2001, 12, 31)),
    st.booleans(),
)
def test_a_declared_day_falls_in_the_period_s_year_or_the_next(
    year: int, day: date, next_year: bool
) -> None:
    text = f"{'+' if next_year else ''}{day:%m-%d}"
    q4 = {"submission": "12-31", "review": "12-31", "hand_up": text}
    if not next_year and day < date(2001, 12, 31):
        q4 = {"opens": "01-01", "submission": text, "review": text, "hand_up": text}
    rubric = rubric_from_definition(with_q4(q4), "file")
    window = window_of(rubric, f"{year}Q4")
    assert window is not None
    assert window.hand_up == date(year + next_year, day.month, day.day)
    assert rubric_to_dict(rubric)["deadlines"]["Q4"]["hand_up"] == text  # as declared


@pytest.mark.parametrize(
    ("q4", "words"),
    [
        (
            {"submission": "+01-05", "review": "12-31", "hand_up": "+01-15"},
            "dates must not go back",
        ),
        (
            {"submission": "12-31", "review": "12-31", "hand_up": "++01-15"},
            "'hand_up' must be a month-day like 04-30 (every year), or +01-15 in the following",
        ),
        (
            {"submission": "12-31", "review": "12-31", "hand_up": "+13-01"},
            "'hand_up' must be a month-day",
        ),
        (
            {"submission": "12-31", "review": "12-31", "hand_up": "+1-15"},
            "'hand_up' must be a month-day",
        ),
    ],
)
def test_a_wrong_next_year_day_is_refused_naming_where(q4: dict[str, str], words: str) -> None:
    with pytest.raises(RubricDefinitionError) as refused:
        rubric_from_definition(with_q4(q4), "file")
    assert words in str(refused.value)
    assert "deadlines › Q4" in str(refused.value)


def test_a_rubric_without_next_year_days_is_hashed_over_the_dates_as_it_declares_them() -> None:
    definition = read_definition(FENGDU_V2)
    rubric = rubric_from_definition(definition, "fengdu v2")
    hashed = rubric_to_dict(rubric)["deadlines"]
    assert hashed == {
        key: {"opens": None, **window} for key, window in definition["deadlines"].items()
    }
