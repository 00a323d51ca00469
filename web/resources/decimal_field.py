"""The one marshmallow field for numbers people enter (points, rates, amounts, values, weights):
only a plain ASCII decimal, as text or as a JSON number."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import marshmallow as ma

from domain.errors import DecimalTextError
from domain.input_text import DECIMAL_FORM, parse_decimal


class StrictDecimal(ma.fields.Decimal):
    """A Decimal read by `parse_decimal`: no underscores, Unicode digits, exponents, spaces,
    NaN, infinities or negative zero, which Python's Decimal would quietly accept."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Decimal:
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise ma.ValidationError(f"Not a number; send {DECIMAL_FORM}.")
        try:
            return parse_decimal(value if isinstance(value, str) else repr(value))
        except DecimalTextError as error:
            raise ma.ValidationError(f"{error}; send {DECIMAL_FORM}.") from None
