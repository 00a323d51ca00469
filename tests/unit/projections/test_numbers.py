"""One way of writing each kind of number: points without trailing zeros, rates with one
decimal and a percent sign, whatever the figure."""

import re
from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from projections.numbers import Rate, fraction_text, kept_cell_text, points_text, rate_text

POINTS = re.compile(r"-?(0|[1-9]\d*)(\.\d*[1-9])?")
RATE = re.compile(r"-?\d+\.\d%")


def test_points_drop_the_zeros_they_do_not_need() -> None:
    shown = [points_text(Decimal(t)) for t in ("12.50", "3.0", "99.0", "-0", "0.500", "1E+2")]
    assert shown == ["12.5", "3", "99", "0", "0.5", "100"]
    assert points_text(None) == "" and points_text(7) == "7"


def test_rates_carry_one_decimal_and_their_sign() -> None:
    assert [rate_text(v) for v in (Decimal(50), Decimal("33.333"), 0, "100")] == [
        "50.0%",
        "33.3%",
        "0.0%",
        "100.0%",
    ]
    assert rate_text(Decimal("-0.01")) == "0.0%"
    assert fraction_text(Decimal("0.95")) == "95.0%" and fraction_text(Fraction(1, 3)) == "33.3%"
    assert fraction_text("1/4") == "25.0%"


@given(st.decimals(min_value=-1000, max_value=1000, places=4))
def test_any_points_read_back_unchanged(points: Decimal) -> None:
    text = points_text(points)
    assert POINTS.fullmatch(text) and Decimal(text) == points


@given(st.decimals(min_value=-100, max_value=100, places=3))
def test_any_rate_is_its_figure_to_a_tenth(percent: Decimal) -> None:
    text = rate_text(Rate(percent))
    assert RATE.fullmatch(text)
    assert abs(Decimal(text.removesuffix("%")) - percent) <= Decimal("0.05")


def test_a_handed_up_cell_kept_as_text_reads_as_the_live_table_writes_it() -> None:
    kept = [("达标率(%)", "50.0"), ("目标(%)", "50"), ("总分", "89.50"), ("总分", "90")]
    assert [kept_cell_text(c, v) for c, v in kept] == ["50.0%", "50.0%", "89.5", "90"]
    assert [kept_cell_text("联系电话", "0123"), kept_cell_text("备注", None)] == ["0123", ""]
