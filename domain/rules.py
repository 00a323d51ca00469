"""Scoring rules a rubric item can carry, as immutable values."""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum


class Kind(StrEnum):
    """What an item's points count towards."""

    STANDARD = "standard"
    SPECIAL = "special"
    BONUS = "bonus"
    DEDUCTION = "deduction"
    VETO = "veto"
    PROGRESS = "progress"


class RuleName(StrEnum):
    """How an item is scored."""

    JUDGED = "judged"
    BANDS = "bands"
    DEDUCTIONS = "deductions"
    TIERS = "tiers"
    VETO = "veto"
    PROGRESS = "progress"


class SameMatter(StrEnum):
    """How bonus items count one matter (事项) claimed under several of them."""

    HIGHEST = "highest"
    """Only its highest bonus counts, across all bonus items (同一事项只计最高加分)."""
    EACH = "each"
    """Every item counts it, each within its own cap."""


@dataclass(frozen=True)
class Falsification:
    """What a falsification (弄虚作假) finding triggers, as the rubric declares it: one
    deduction line of one item (e.g. seed 001 item 65, 视情扣1-5分), or one veto condition
    of one item raised under a name (e.g. seed 002 item 61 condition 4, named 弄虚作假)."""

    item: str
    line: str | None = None
    condition: str | None = None
    name: str | None = None


DEFAULT_RULE: dict[Kind, RuleName] = {
    Kind.STANDARD: RuleName.JUDGED,
    Kind.SPECIAL: RuleName.JUDGED,
    Kind.BONUS: RuleName.JUDGED,
    Kind.DEDUCTION: RuleName.DEDUCTIONS,
    Kind.VETO: RuleName.VETO,
    Kind.PROGRESS: RuleName.PROGRESS,
}

RULES_FOR_KIND: dict[Kind, frozenset[RuleName]] = {
    Kind.STANDARD: frozenset({RuleName.JUDGED, RuleName.BANDS, RuleName.DEDUCTIONS}),
    Kind.SPECIAL: frozenset({RuleName.JUDGED, RuleName.BANDS, RuleName.DEDUCTIONS}),
    Kind.BONUS: frozenset({RuleName.JUDGED, RuleName.TIERS}),
    Kind.DEDUCTION: frozenset({RuleName.DEDUCTIONS}),
    Kind.VETO: frozenset({RuleName.VETO}),
    Kind.PROGRESS: frozenset({RuleName.PROGRESS}),
}


@dataclass(frozen=True)
class Interval:
    """A range of rates whose ends are each inclusive or exclusive, as the source words it."""

    low: Decimal
    high: Decimal
    low_inclusive: bool
    high_inclusive: bool

    def contains(self, value: Decimal) -> bool:
        above = value >= self.low if self.low_inclusive else value > self.low
        below = value <= self.high if self.high_inclusive else value < self.high
        return above and below

    def overlaps(self, other: Interval) -> bool:
        first, second = sorted((self, other), key=lambda i: (i.low, not i.low_inclusive))
        if second.low < first.high:
            return True
        return second.low == first.high and second.low_inclusive and first.high_inclusive

    def __str__(self) -> str:
        left = "[" if self.low_inclusive else "("
        right = "]" if self.high_inclusive else ")"
        return f"{left}{self.low}, {self.high}{right}"


@dataclass(frozen=True)
class Band:
    """Points earned when a measured rate falls in an interval."""

    rate: Interval
    points: Decimal


@dataclass(frozen=True)
class Deduction:
    """One deduction line: counted (`per`, `cap`, `all_at`) or discretionary (`low`..`high`)."""

    id: str
    text: str
    per: Decimal | None = None
    cap: Decimal | None = None
    all_at: int | None = None
    low: Decimal | None = None
    high: Decimal | None = None

    @property
    def discretionary(self) -> bool:
        return self.per is None


@dataclass(frozen=True)
class Tier:
    """One tier of a tiered bonus (national, provincial, city …)."""

    id: str
    points: Decimal


@dataclass(frozen=True)
class VetoCondition:
    """An event that voids the assessment whatever its total."""

    id: str
    text: str


COMPARISONS: dict[str, Callable[[Decimal, Decimal], bool]] = {
    ">=": operator.ge,
    ">": operator.gt,
    "<=": operator.le,
    "<": operator.lt,
    "=": operator.eq,
}


@dataclass(frozen=True)
class NumericTarget:
    """A measurable annual target such as "完成率不低于80%"."""

    op: str
    value: Decimal
    unit: str = ""

    def met_by(self, measured: Decimal) -> bool:
        return COMPARISONS[self.op](measured, self.value)

    def __str__(self) -> str:
        return f"{self.op} {self.value}{self.unit}"
