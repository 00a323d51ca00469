"""How every page, table file and chart writes a number: points without trailing zeros
(12.5, 3), rates with one decimal and a percent sign (50.0%, 33.3%). A rate cell is a `Rate`: a
Decimal in percent that says it is a share, so each writer can tell it apart."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

TENTH = Decimal("0.1")
NUMBER, DECIMAL = re.compile(r"-?\d+(?:\.\d+)?"), re.compile(r"-?\d+\.\d+")
RATE_COLUMN = "(%)"
"""A table's rate columns say so in their header: 达标率(%), 目标(%), 及时率(%)."""


class Rate(Decimal):
    """A share in percent (50.0 is half), kept exact; arithmetic on it gives plain Decimals."""

    __slots__ = ()


def points_text(points: object) -> str:
    """Points as people write them: 89.0 → 89, 89.50 → 89.5, -0 → 0; empty when none."""
    if points is None or points == "":
        return ""
    number = Decimal(str(points))
    if not number.is_finite():
        return str(points)
    text = format(number.normalize(), "f")
    return "0" if text == "-0" else text


def rate_text(percent: object) -> str:
    """A share given in percent, to one decimal (half up) with its sign: 50 → 50.0%."""
    number = Decimal(str(percent))
    if not number.is_finite():
        return str(percent)
    tenth = number.quantize(TENTH, rounding=ROUND_HALF_UP)
    return f"{tenth.copy_abs() if tenth.is_zero() else tenth}%"


def fraction_text(fraction: Decimal | Fraction | float | str) -> str:
    """A share given as a fraction (0.95, 1/3, "1/3"), as a rate: 95.0%, 33.3%."""
    if isinstance(fraction, str) and "/" in fraction:
        fraction = Fraction(fraction)
    if isinstance(fraction, Fraction):
        return rate_text(Decimal(fraction.numerator) * 100 / Decimal(fraction.denominator))
    return rate_text(Decimal(str(fraction)) * 100)


def kept_cell_text(column: str, cell: object) -> str:
    """A cell kept as JSON text (a handed-up table), written as the live table writes it:
    under a rate's column a rate, a decimal as points; any other text as it was kept."""
    if cell is None:
        return ""
    text = str(cell)
    if column.endswith(RATE_COLUMN) and NUMBER.fullmatch(text):
        return rate_text(text)
    return points_text(text) if DECIMAL.fullmatch(text) else text
