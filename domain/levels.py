"""The levels of the unit hierarchy and the length of an assessment period: the words every
other part of the domain (rubrics, workflows, periods) is built on."""

from __future__ import annotations

from enum import StrEnum


class UnitLevel(StrEnum):
    """Levels of the unit hierarchy (市 → 县/区/旗 → 镇/乡/街道/苏木 → 村/社区/嘎查)."""

    CITY = "city"
    COUNTY = "county"
    TOWN = "town"
    VILLAGE = "village"


class PeriodKind(StrEnum):
    """How long one assessment lasts."""

    QUARTER = "quarter"
    YEAR = "year"
