"""Intervals keep each end inclusive or exclusive exactly as written."""

from decimal import Decimal

import pytest

from domain.rules import Interval, NumericTarget


def interval(low: str, high: str, low_in: bool, high_in: bool) -> Interval:
    return Interval(Decimal(low), Decimal(high), low_in, high_in)


@pytest.mark.parametrize(
    ("value", "inside"),
    [("50", False), ("50.01", True), ("65", True), ("90", True), ("90.01", False)],
)
def test_half_open_interval_excludes_its_open_end(value: str, inside: bool) -> None:
    assert interval("50", "90", False, True).contains(Decimal(value)) is inside


def test_intervals_sharing_a_closed_end_overlap() -> None:
    assert interval("50", "65", True, True).overlaps(interval("65", "90", True, True))


def test_intervals_meeting_at_an_open_end_do_not_overlap() -> None:
    assert not interval("50", "65", True, True).overlaps(interval("65", "90", False, True))
    assert not interval("0", "50", True, False).overlaps(interval("50", "65", True, True))


def test_interval_prints_as_written() -> None:
    assert str(interval("65", "90", False, True)) == "(65, 90]"


def test_numeric_target_compares_the_measured_value() -> None:
    target = NumericTarget(">=", Decimal("80"), "%")
    assert target.met_by(Decimal("93"))
    assert target.met_by(Decimal("80"))
    assert not target.met_by(Decimal("79.9"))
