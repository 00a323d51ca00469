"""Text as the views store it: what a database column cannot hold, shown by a visible sign."""

from __future__ import annotations

from collections.abc import Sequence

NUL = "\x00"
NUL_SIGN = "\u2400"
"""SYMBOL FOR NULL (␀): PostgreSQL text cannot hold NUL, so every view shows it as this sign,
on SQLite too, so both stores answer alike. The event keeps the exact text; JSON columns
(score sheets, audit details) keep it exactly too, escaped as \\u0000. No other character a
stored event can hold needs this: events with lone surrogates cannot be encoded, so none is
ever stored."""


def shown(text: str) -> str:
    """A text field as a view stores it (applying it again changes nothing)."""
    return text.replace(NUL, NUL_SIGN) if NUL in text else text


def shown_or_none(text: str | None) -> str | None:
    return None if text is None else shown(text)


def shown_all(values: Sequence[object]) -> tuple[object, ...]:
    """A row's values with each text shown as a view stores it."""
    return tuple(shown(v) if type(v) is str and NUL in v else v for v in values)
