"""Moments written as a clerk in China reads them: Chinese date words, China's time."""

from __future__ import annotations

from datetime import UTC, datetime

from domain.china_time import CHINA, in_words


def test_a_moment_is_written_in_date_words_to_the_second() -> None:
    assert in_words(datetime(2024, 1, 1, 23, 59, 59, tzinfo=CHINA)) == "2024年1月1日 23:59:59"


def test_a_moment_in_utc_is_written_in_china_time() -> None:
    assert in_words(datetime(2023, 6, 30, 16, 5, 0, tzinfo=UTC)) == "2023年7月1日 00:05:00"
