"""A period's last day decides the hierarchy its tables read."""

from datetime import date

import pytest

from projections.tables.periods import last_day_of, period_label, quarters_through


@pytest.mark.parametrize(
    ("period", "day"),
    [
        ("2023Q1", date(2023, 3, 31)),
        ("2023Q2", date(2023, 6, 30)),
        ("2023Q3", date(2023, 9, 30)),
        ("2023Q4", date(2023, 12, 31)),
        ("2024", date(2024, 12, 31)),
    ],
)
def test_a_period_ends_on_its_last_day(period: str, day: date) -> None:
    assert last_day_of(period) == day


def test_periods_are_labelled_in_chinese() -> None:
    assert period_label("2023Q2") == "2023年第二季度"
    assert period_label("2024") == "2024年度"


def test_quarters_run_from_the_first_of_the_year() -> None:
    assert quarters_through("2023Q3") == ("2023Q1", "2023Q2", "2023Q3")


def test_a_year_has_no_quarters_to_run_through() -> None:
    with pytest.raises(ValueError, match="is a year"):
        quarters_through("2024")


@pytest.mark.parametrize("period", ["2023Q5", "23Q1", "2023-06", ""])
def test_refuses_what_is_not_a_period(period: str) -> None:
    with pytest.raises(ValueError, match="neither a quarter like 2023Q2 nor a year"):
        last_day_of(period)
