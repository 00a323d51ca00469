"""One cell's value as a number, never trusting its type: numbers, and numbers typed as
text (full-width digits are read as their ASCII form), are read; formulas, dates, yes/no
and any other text are refused in Chinese, naming the cell."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from domain.errors import DecimalTextError
from domain.input_text import parse_decimal

NUMBER_ZH = "请只填数字，如 1 或 1.5（不要带单位“分”、公式或其他文字）"


class CellError(ValueError):
    """Why a cell's value is not a number, in Chinese."""


def cell_number(cell: Any) -> Decimal | None:
    """The number a cell holds (None: empty); CellError when it holds anything else."""
    value = cell.value
    if cell.data_type == "f" or (isinstance(value, str) and value.startswith("=")):
        raise CellError(f"是公式（{str(value)[:40]}），不接受公式；{NUMBER_ZH}")
    if value is None:
        return None
    if isinstance(value, bool):
        raise CellError(f"是逻辑值，{NUMBER_ZH}")
    if isinstance(value, (datetime, date, time, timedelta)):
        raise CellError(f"是日期或时间，{NUMBER_ZH}")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return _finite(Decimal(repr(value)))
    return _text_number(str(value))


def _text_number(text: str) -> Decimal | None:
    typed = unicodedata.normalize("NFKC", text).strip()
    if not typed:
        return None
    try:
        return parse_decimal(typed)
    except DecimalTextError:
        raise CellError(f"填的是「{text[:40]}」，{NUMBER_ZH}") from None


def _finite(number: Decimal) -> Decimal:
    if not number.is_finite():
        raise CellError(f"不是有限的数，{NUMBER_ZH}")
    return number
