"""What text a person may send: printable characters only, and exact ASCII decimals.

The domain itself records whatever it is given; the edges (HTTP API, page forms, rubric files)
call these checks so that control characters and look-alike numbers never reach an event."""

from __future__ import annotations

import re
from decimal import Decimal

from domain.errors import DecimalTextError

DECIMAL = re.compile(r"-?[0-9]{1,12}(?:\.[0-9]{1,8})?", re.ASCII)
DECIMAL_FORM = "an ASCII decimal like 1.5 (digits 0-9, at most one '.', an optional leading '-')"
DECIMAL_FORM_ZH = (
    "ASCII 十进制数字，如 1.5（只用半角 0-9 和一个小数点，负数前加 -；"
    "不能用下划线、全角数字、科学计数法或 -0）"
)


REFUSED = re.compile("[\\x00-\\x1f\\x7f-\\x9f\\ud800-\\udfff]")
REFUSED_IN_LINES = re.compile("[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f\\ud800-\\udfff]")


def text_problem(text: str, multiline: bool = False) -> str | None:
    """Why text cannot be accepted (None: it can): NUL, lone surrogates and C0/C1 control
    characters are refused; tab, LF and CR only in multi-line text."""
    found = (REFUSED_IN_LINES if multiline else REFUSED).search(text)
    if found is None:
        return None
    code = ord(found.group())
    kind = "a lone surrogate" if code >= 0xD800 else "the control character"
    return f"{kind} U+{code:04X} at character {found.start() + 1}"


def allowed_text(multiline: bool) -> str:
    """What a text field may hold, said in English."""
    breaks = "; tabs and line breaks are allowed" if multiline else "; no tabs or line breaks"
    return f"printable Unicode text without NUL, control characters or lone surrogates{breaks}"


def allowed_text_zh(multiline: bool) -> str:
    """What a text field may hold, said in Chinese."""
    breaks = "，可以换行" if multiline else "，不能含制表符或换行"
    return f"只能填写可打印的文字，不能含空字符（NUL）、控制字符或孤立代理字符{breaks}"


def parse_decimal(text: str) -> Decimal:
    """A decimal from its plain ASCII form; DecimalTextError for underscores, full-width or
    other Unicode digits, exponents, spaces, NaN, infinities and negative zero, all of which
    Python's Decimal would otherwise read."""
    if not DECIMAL.fullmatch(text):
        raise DecimalTextError(f"{text[:40]!r} is not {DECIMAL_FORM}")
    value = Decimal(text)
    if value == 0 and text.startswith("-"):
        raise DecimalTextError(f"{text!r} is a negative zero; write 0")
    return value
