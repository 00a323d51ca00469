"""Reading scalar values out of a rubric definition, collecting problems instead of stopping."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from domain.errors import Problem
from domain.rules import Interval

INTERVAL = re.compile(r"^\s*([\[(])\s*([^,\s]+)\s*,\s*([^\])\s]+)\s*([\])])\s*$")


class DefinitionReader:
    """Collects every problem of a definition so that a wrong file is reported in full."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def fail(self, where: str, message: str) -> None:
        self.problems.append(Problem(where, message))

    def mapping(self, where: str, value: object) -> Mapping[str, Any] | None:
        if isinstance(value, Mapping):
            return value
        self.fail(where, f"expected a mapping of keys to values, found {describe(value)}")
        return None

    def sequence(self, where: str, value: object) -> list[Any]:
        if isinstance(value, list):
            return value
        self.fail(where, f"expected a list, found {describe(value)}")
        return []

    def known_keys(self, where: str, data: Mapping[str, Any], allowed: Iterable[str]) -> None:
        allowed = tuple(allowed)
        for key in data:
            if key not in allowed:
                self.fail(where, f"unknown key '{key}'; allowed: {', '.join(allowed)}")

    def text(self, where: str, data: Mapping[str, Any], key: str, required: bool = False) -> str:
        value = data.get(key)
        if value is None:
            if required:
                self.fail(where, f"'{key}' is required")
            return ""
        if not isinstance(value, str) or not value.strip():
            self.fail(where, f"'{key}' must be non-empty text, found {describe(value)}")
            return ""
        return value.strip()

    def decimal(
        self, where: str, data: Mapping[str, Any], key: str, required: bool = False
    ) -> Decimal | None:
        if data.get(key) is None:
            if required:
                self.fail(where, f"'{key}' is required")
            return None
        return self.number(where, key, data[key])

    def number(self, where: str, key: str, value: object) -> Decimal | None:
        """A finite, non-negative decimal written as text."""
        parsed = parse_decimal(value)
        if parsed is None or parsed < 0:
            self.fail(
                where,
                f"'{key}' must be a non-negative number such as 2 or 0.5, found {describe(value)}",
            )
            return None
        return parsed

    def whole(self, where: str, data: Mapping[str, Any], key: str, required: bool = False) -> int:
        value = data.get(key)
        if value is None:
            if required:
                self.fail(where, f"'{key}' is required")
            return 0
        if isinstance(value, str) and value.strip().isdigit() and int(value) >= 1:
            return int(value)
        self.fail(where, f"'{key}' must be a whole number of at least 1, found {describe(value)}")
        return 0

    def iso_date(self, where: str, data: Mapping[str, Any], key: str) -> date | None:
        value = data.get(key)
        if value is None:
            return None
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            self.fail(where, f"'{key}' must be a date like 2024-12-31, found {describe(value)}")
            return None

    def interval(self, where: str, value: object) -> Interval | None:
        match = INTERVAL.match(value) if isinstance(value, str) else None
        low = parse_decimal(match.group(2)) if match else None
        high = parse_decimal(match.group(3)) if match else None
        if match is None or low is None or high is None or low > high:
            self.fail(
                where,
                f'rate must be an interval like "[50, 65]" or "(65, 90]", found {describe(value)}',
            )
            return None
        return Interval(low, high, match.group(1) == "[", match.group(4) == "]")


def parse_decimal(value: object) -> Decimal | None:
    """A finite decimal from text or an int, or None; floats are refused as inexact."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        return None
    try:
        parsed = Decimal(str(value).strip())
    except InvalidOperation:
        return None
    return parsed if parsed.is_finite() else None


def describe(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"{type(value).__name__} {value!r}"
