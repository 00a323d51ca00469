"""The sample size of a round from a stated goal, with its formula and inputs (see
docs/sampling.md §10).

- detect: the smallest n for which a frame of N sheets, ⌈p·N⌉ of them falsified, gives a
  sample with none of them with probability at most 1 − c (hypergeometric:
  ∏_{i<n} (N − D − i)/(N − i)); for a large frame, the binomial (1 − p)^n ≤ 1 − c.
- estimate: n₀ = z²·p(1 − p)/e², then n = n₀/(1 + (n₀ − 1)/N), rounded up.
- typed: the size the auditor typed, recorded as such.

Everything is exact (fractions); z is computed once, at opening, and recorded to 6 places."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from math import ceil
from statistics import NormalDist
from typing import Any

from domain.errors import FieldError

MAX_SIZE = 10_000


class SizeRule(StrEnum):
    """Where a round's size comes from."""

    TYPED = "typed"
    DETECT = "detect"
    ESTIMATE = "estimate"


def z_value(confidence: Decimal) -> Decimal:
    """The two-sided normal quantile for a confidence, to 6 decimal places (0.95 → 1.959964)."""
    return Decimal(f"{NormalDist().inv_cdf((1 + float(confidence)) / 2):.6f}")


def _fraction(name: str, zh: str, value: Decimal | None, low: Decimal, high: Decimal) -> None:
    if value is None or not (value.is_finite() and low < value < high):
        raise FieldError(
            name,
            f"{name} must be a number strictly between {low} and {high}; got {value}",
            f"{zh}应为大于 {low}、小于 {high} 的小数（如 0.95），现为 {value}。",
        )


@dataclass(frozen=True)
class SizeGoal:
    """How a round is sized: a typed size, or a goal whose size follows from the frame."""

    rule: SizeRule
    size: int | None = None
    rate: Decimal | None = None
    confidence: Decimal | None = None
    margin: Decimal | None = None
    proportion: Decimal | None = None
    z: Decimal | None = None

    def __post_init__(self) -> None:
        if self.rule is SizeRule.TYPED:
            if self.size is None or not 1 <= self.size <= MAX_SIZE:
                raise FieldError(
                    "size",
                    f"a typed sample size is 1 to {MAX_SIZE}; got {self.size}",
                    f"样本量应为 1 至 {MAX_SIZE} 之间的整数。",
                )
            return
        _fraction("confidence", "置信度", self.confidence, Decimal("0.5"), Decimal("0.9995"))
        if self.rule is SizeRule.DETECT:
            _fraction("rate", "弄虚作假比例", self.rate, Decimal("0.00999"), Decimal(1))
        else:
            _fraction("margin", "误差范围", self.margin, Decimal(0), Decimal("0.5"))
            _fraction("proportion", "预估达标率", self.proportion, Decimal(0), Decimal(1))

    @classmethod
    def typed(cls, size: int) -> SizeGoal:
        return cls(SizeRule.TYPED, size=size)

    @classmethod
    def detect(cls, rate: Decimal, confidence: Decimal) -> SizeGoal:
        return cls(SizeRule.DETECT, rate=rate, confidence=confidence)

    @classmethod
    def estimate(
        cls, margin: Decimal, confidence: Decimal, proportion: Decimal = Decimal("0.5")
    ) -> SizeGoal:
        goal = cls(SizeRule.ESTIMATE, margin=margin, confidence=confidence, proportion=proportion)
        assert goal.confidence is not None
        return cls(**(goal.to_plain() | {"z": z_value(goal.confidence)}))

    def size_for(self, frame_size: int) -> int:
        """The size for a frame of `frame_size` sheets (never more than the frame)."""
        if self.rule is SizeRule.TYPED:
            assert self.size is not None
            return self.size
        assert self.confidence is not None
        if self.rule is SizeRule.DETECT:
            assert self.rate is not None
            return detect_size(self.rate, self.confidence, frame_size)
        assert self.margin is not None and self.proportion is not None and self.z is not None
        return estimate_size(self.margin, self.z, self.proportion, frame_size)

    def large_frame_size(self) -> int | None:
        """The size for an unbounded frame (binomial, or n₀), shown before the frame exists."""
        if self.rule is SizeRule.TYPED:
            return self.size
        if self.rule is SizeRule.DETECT:
            assert self.rate is not None and self.confidence is not None
            return binomial_size(self.rate, self.confidence)
        assert self.margin is not None and self.proportion is not None and self.z is not None
        return ceil(initial_size(self.margin, self.z, self.proportion))

    def to_plain(self) -> dict[str, Any]:
        return {f: getattr(self, f) for f in FIELDS}

    def to_data(self) -> dict[str, Any]:
        plain = self.to_plain().items()
        data = {k: v if v is None or isinstance(v, int) else str(v) for k, v in plain}
        return data | {"rule": self.rule.value}

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> SizeGoal:
        def number(key: str) -> Decimal | None:
            value = data.get(key)
            return None if value is None else Decimal(value)

        return cls(
            SizeRule(data["rule"]),
            data.get("size"),
            *(number(k) for k in ("rate", "confidence", "margin", "proportion", "z")),
        )


FIELDS = ("rule", "size", "rate", "confidence", "margin", "proportion", "z")


def falsified_in(rate: Decimal, frame_size: int) -> int:
    """D = ⌈p·N⌉, at least 1: the fewest falsified sheets at a rate of at least p."""
    return max(1, ceil(Fraction(rate) * frame_size))


def detect_size(rate: Decimal, confidence: Decimal, frame_size: int) -> int:
    """The smallest n with P(no falsified sheet in a sample of n) ≤ 1 − c, hypergeometric."""
    miss, falsified = 1 - Fraction(confidence), falsified_in(rate, frame_size)
    chance, n = Fraction(1), 0
    while chance > miss and n < frame_size:
        chance *= Fraction(frame_size - falsified - n, frame_size - n)
        n += 1
    return max(n, 1)


def binomial_size(rate: Decimal, confidence: Decimal) -> int:
    """The smallest n with (1 − p)^n ≤ 1 − c: the large-frame approximation."""
    miss, keep = 1 - Fraction(confidence), 1 - Fraction(rate)
    chance, n = Fraction(1), 0
    while chance > miss:
        chance *= keep
        n += 1
    return n


def initial_size(margin: Decimal, z: Decimal, proportion: Decimal) -> Fraction:
    """n₀ = z²·p(1 − p)/e²."""
    p = Fraction(proportion)
    return Fraction(z) ** 2 * p * (1 - p) / Fraction(margin) ** 2


def estimate_size(margin: Decimal, z: Decimal, proportion: Decimal, frame_size: int) -> int:
    """n = n₀/(1 + (n₀ − 1)/N), rounded up, at most N."""
    n0 = initial_size(margin, z, proportion)
    return min(frame_size, max(1, ceil(n0 / (1 + (n0 - 1) / frame_size))))
