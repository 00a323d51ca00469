"""A campaign's plan, stated at opening: how its first round is sized, and what follows when a
round's findings pass a threshold (a further round of a stated size, or a full check)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from domain.errors import FieldError
from domain.sample_size import MAX_SIZE, SizeGoal

SERIOUS = frozenset({"error", "falsification"})
"""The findings an escalation threshold counts."""


class FollowUp(StrEnum):
    """What a round whose findings pass the threshold leads to."""

    ROUND = "round"
    """A further round of a stated size, drawn from the sheets not yet drawn."""
    FULL = "full"
    """Every sheet of the frame not yet drawn is checked."""


@dataclass(frozen=True)
class Escalation:
    """More than `above` findings of error or falsification in a round lead to `then`."""

    above: int
    then: FollowUp
    size: int | None = None

    def __post_init__(self) -> None:
        if not 0 <= self.above <= MAX_SIZE:
            raise FieldError(
                "above",
                f"the threshold is a number of findings, 0 to {MAX_SIZE}; got {self.above}",
                f"升级阈值应为 0 至 {MAX_SIZE} 之间的整数（发现问题的份数）。",
            )
        if (self.then is FollowUp.ROUND) != (self.size is not None):
            raise FieldError(
                "next_size",
                "a further round needs its size; a full check takes none",
                "升级为再抽一轮时须写明该轮样本量；升级为全面检查时不填样本量。",
            )
        if self.size is not None and not 1 <= self.size <= MAX_SIZE:
            raise FieldError(
                "next_size",
                f"a further round's size is 1 to {MAX_SIZE}; got {self.size}",
                f"再抽一轮的样本量应为 1 至 {MAX_SIZE} 之间的整数。",
            )

    def serious(self, findings: Iterable[str]) -> int:
        return sum(1 for f in findings if f in SERIOUS)

    def passed(self, findings: Iterable[str]) -> bool:
        return self.serious(findings) > self.above

    def to_data(self) -> dict[str, Any]:
        return {"above": self.above, "then": self.then.value, "size": self.size}

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Escalation:
        return cls(int(data["above"]), FollowUp(data["then"]), data.get("size"))


@dataclass(frozen=True)
class Plan:
    """How the first round is sized, and the escalation rule (None: no escalation)."""

    goal: SizeGoal
    escalation: Escalation | None = None

    def to_data(self) -> dict[str, Any]:
        rule = None if self.escalation is None else self.escalation.to_data()
        return {"goal": self.goal.to_data(), "escalation": rule}

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Plan:
        rule = data.get("escalation")
        return cls(
            SizeGoal.from_data(data["goal"]), None if rule is None else Escalation.from_data(rule)
        )
