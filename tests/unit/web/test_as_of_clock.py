"""The tables' as-of time: to the minute it covers the whole minute, to the second it means
exactly that second (10:15:00 is not 10:15:59)."""

from __future__ import annotations

from datetime import time

from web.pages.reports.query import parse_clock


def test_a_time_to_the_second_means_that_second_even_at_zero_seconds() -> None:
    assert parse_clock("10:15:00") == time(10, 15, 0)
    assert parse_clock("10:15:07") == time(10, 15, 7)


def test_a_time_to_the_minute_covers_the_whole_minute() -> None:
    assert parse_clock("10:15") == time(10, 15, 59)


def test_a_time_that_is_not_one_is_refused() -> None:
    assert parse_clock("10点15分") is None
