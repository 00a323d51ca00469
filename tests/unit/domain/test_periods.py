"""Which periods are real: quarters like 2023Q2 and years like 2023, in the years the
service knows, and of the kind the rubric scores by."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import FieldError
from domain.rubric import PeriodKind
from domain.workflow import FIRST_YEAR, LAST_YEAR, PERIOD_PATTERN, check_period, period_problem

REAL = st.integers(FIRST_YEAR, LAST_YEAR).flatmap(
    lambda year: st.sampled_from([f"{year}", *(f"{year}Q{q}" for q in range(1, 5))])
)


@pytest.mark.parametrize(
    "period", ["0000", "1999", "2100", "9999Q4", "2023Q0", "2023Q5", "year", "2023q2", " 2023"]
)
def test_a_period_that_is_not_real_is_refused_with_the_rule(period: str) -> None:
    problem = period_problem(period)
    assert problem is not None
    assert repr(period) in problem.english and "2000–2099" in problem.english
    assert "2023Q2" in problem.english and "2023Q2" in problem.chinese
    assert "2000" in problem.chinese and "2099" in problem.chinese
    with pytest.raises(FieldError, match="2000–2099") as refused:
        check_period(period, PeriodKind.QUARTER)
    assert refused.value.field == "period" and refused.value.message_zh == problem.chinese


@given(REAL)
def test_every_quarter_and_year_in_range_is_real(period: str) -> None:
    assert period_problem(period) is None
    assert re.fullmatch(PERIOD_PATTERN, period)


@given(st.text(max_size=8))
def test_the_published_pattern_and_the_rule_agree(period: str) -> None:
    assert (period_problem(period) is None) == bool(re.fullmatch(PERIOD_PATTERN, period))


def test_a_period_of_the_other_kind_is_refused_for_the_rubric() -> None:
    problem = period_problem("2023", PeriodKind.QUARTER)
    assert problem is not None and "quarter" in problem.english and "季度" in problem.chinese
    assert period_problem("2023Q2", PeriodKind.YEAR) is not None
    assert check_period("2023Q2", PeriodKind.QUARTER) == "2023Q2"
    assert check_period("2024", PeriodKind.YEAR) == "2024"
