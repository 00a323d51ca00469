"""A day typed on a rectification form: a date, not before today in China."""

from __future__ import annotations

from datetime import date

from web.context import today


def parse_day(text: str, errors: dict[str, str]) -> date | None:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        errors["deadline"] = "整改时限应为日期，如 2023-08-31。"
        return None
    if day < today():
        errors["deadline"] = f"整改时限不能早于今天（{today().isoformat()}）。"
    return day
