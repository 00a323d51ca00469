"""What a scorer enters for one item, and the checks that refuse an entry the rubric forbids."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from domain.rubric import Item
from domain.rules import RuleName


@dataclass(frozen=True)
class Claim:
    """A bonus claim: one matter (事项) at one tier."""

    matter: str
    tier: str


@dataclass(frozen=True)
class ItemEntry:
    """The inputs for one item; which fields apply depends on the item's rule."""

    points: Decimal | None = None
    rate: Decimal | None = None
    counts: Mapping[str, int] = field(default_factory=dict)
    amounts: Mapping[str, Decimal] = field(default_factory=dict)
    claims: tuple[Claim, ...] = ()
    raised: frozenset[str] = frozenset()
    named: Mapping[str, str] = field(default_factory=dict)
    """A raised veto condition's name, where the rubric declares it raised under one (e.g. a
    falsification finding's consequence: condition 4 named 弄虚作假)."""
    progress: str | None = None
    value: Decimal | None = None


def entry_problems(item: Item, entry: ItemEntry) -> list[str]:
    """Why an entry does not fit its item; empty when it fits."""
    at = f"item {item.number}"
    problems: list[str] = []
    uses = RULE_FIELDS[item.rule]
    misplaced = [
        name for name in ENTRY_FIELDS if name not in uses and getattr(entry, name) not in UNSET
    ]
    for name in misplaced:
        problems.append(f"{at}: '{name}' does not apply to rule '{item.rule.value}'")
    if misplaced:
        return problems
    if entry.points is not None:
        problems += points_problems(item, entry.points)
    if entry.rate is not None:
        problems += rate_problems(item, entry.rate)
    problems += deduction_problems(item, entry)
    problems += claim_problems(item, entry)
    unknown = sorted(entry.raised - {c.id for c in item.conditions}) if entry.raised else []
    if unknown:
        allowed = ", ".join(c.id for c in item.conditions)
        problems.append(f"{at}: unknown veto condition(s) {', '.join(unknown)}; allowed: {allowed}")
    if unraised := sorted(set(entry.named) - entry.raised):
        problems.append(f"{at}: veto condition(s) {', '.join(unraised)} named but not raised")
    return problems


ENTRY_FIELDS = ("points", "rate", "counts", "amounts", "claims", "raised", "named")
UNSET: tuple[object, ...] = (None, {}, (), frozenset())
"""What an entry field holds when it is not set (made once: this check runs per item)."""

RULE_FIELDS: dict[RuleName, frozenset[str]] = {
    RuleName.JUDGED: frozenset({"points", "counts", "amounts"}),
    RuleName.BANDS: frozenset({"rate"}),
    RuleName.DEDUCTIONS: frozenset({"counts", "amounts"}),
    RuleName.TIERS: frozenset({"claims"}),
    RuleName.VETO: frozenset({"raised", "named"}),
    RuleName.PROGRESS: frozenset({"points"}),
}


def points_problems(item: Item, points: Decimal) -> list[str]:
    at = f"item {item.number}"
    if item.max_points is None:
        return [f"{at}: carries no points; leave 'points' empty"]
    if not points.is_finite() or points < 0 or points > item.max_points:
        return [f"{at}: points {points} are outside 0..{item.max_points}"]
    if points % item.step != 0:
        return [f"{at}: points {points} are not in steps of {item.step}"]
    return []


def rate_problems(item: Item, rate: Decimal) -> list[str]:
    if rate.is_finite() and any(band.rate.contains(rate) for band in item.bands):
        return []
    bands = ", ".join(str(band.rate) for band in item.bands)
    return [f"item {item.number}: rate {rate} falls in no band; bands: {bands}"]


def deduction_problems(item: Item, entry: ItemEntry) -> list[str]:
    at = f"item {item.number}"
    problems: list[str] = []
    for line_id, count in entry.counts.items():
        line = item.deduction(line_id)
        if line is None or line.discretionary:
            counted = ", ".join(d.id for d in item.deductions if not d.discretionary) or "none"
            problems.append(f"{at}: no counted deduction '{line_id}'; counted ones: {counted}")
        elif isinstance(count, bool) or not isinstance(count, int) or count < 0:
            problems.append(f"{at}: count for '{line_id}' must be a whole number >= 0")
    for line_id, amount in entry.amounts.items():
        line = item.deduction(line_id)
        if line is None or not line.discretionary:
            chosen = ", ".join(d.id for d in item.deductions if d.discretionary) or "none"
            problems.append(f"{at}: no discretionary deduction '{line_id}'; these are: {chosen}")
            continue
        low, high = line.low or Decimal(0), line.high or Decimal(0)
        if not amount.is_finite() or (amount != 0 and not low <= amount <= high):
            problems.append(f"{at}: amount {amount} for '{line_id}' must be 0 or {low}..{high}")
        elif amount % item.step != 0:
            problems.append(f"{at}: amount {amount} for '{line_id}' is not in steps of {item.step}")
    return problems


def claim_problems(item: Item, entry: ItemEntry) -> list[str]:
    problems: list[str] = []
    for claim in entry.claims:
        if item.tier(claim.tier) is None:
            tiers = ", ".join(t.id for t in item.tiers)
            problems.append(f"item {item.number}: unknown tier '{claim.tier}'; tiers: {tiers}")
        if not claim.matter.strip():
            problems.append(f"item {item.number}: a claim must name its matter (事项)")
    return problems
