"""Grading the graders: how far each town reviewer's scores (the review layer, 初审) stand from
what the county verified (the verification layer, 复核), per reviewer and per town, over every
checked sheet; and the weight that turns low agreement into a larger share of the next sample.

Only the items the county re-scored are compared (a blank verification keeps the review score
without checking it). An item's reviewer is the account whose review-layer entry counts for
it, or, when the town kept the self score, the account that approved the sheet."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from uuid import UUID

from domain.rules import Kind
from domain.workflow import Layer
from projections.scores import ScoreRow, SheetChange
from projections.spot_checks.estimation import PLACES
from projections.spot_checks.evidence import RubricOf, layer_summary

ZERO = Decimal(0)


@dataclass(frozen=True)
class AgreementSettings:
    """Within tolerance: |verified − reviewed| ≤ `tolerance` × the item's maximum points. A
    town's sampling weight is 1 + `weight_per_disagreement` × (1 − its share within)."""

    tolerance: Decimal = Decimal("0.10")
    weight_per_disagreement: Decimal = Decimal(2)

    def to_json(self) -> dict[str, str]:
        return {
            "tolerance": str(self.tolerance),
            "weight_per_disagreement": str(self.weight_per_disagreement),
        }


@dataclass(frozen=True)
class Comparison:
    """One re-scored item of one checked sheet: whose review it was and how far it stood."""

    assessment_id: UUID
    item: str
    reviewer: str
    town_id: UUID | None
    reviewed: Decimal
    verified: Decimal
    within: bool

    @property
    def difference(self) -> Decimal:
        """Verified − reviewed: below 0 the reviewer let through more than stood."""
        return self.verified - self.reviewed


@dataclass(frozen=True)
class Agreement:
    """A reviewer's or a town's agreement with the county's verification."""

    key: str
    town_id: UUID | None
    sheets: int
    items: int
    within: int
    mean_absolute: Decimal
    mean_difference: Decimal
    weight: Decimal

    @property
    def share_within(self) -> Decimal:
        return (Decimal(self.within) / self.items).quantize(PLACES)

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "town_id": None if self.town_id is None else str(self.town_id),
            "sheets": self.sheets,
            "items": self.items,
            "within": self.within,
            "share_within": str(self.share_within),
            "mean_absolute_difference": str(self.mean_absolute),
            "mean_difference": str(self.mean_difference),
            "weight": str(self.weight),
        }


@dataclass(frozen=True)
class Grading:
    """Every comparison, and the agreement of each reviewer and each town."""

    comparisons: tuple[Comparison, ...]
    reviewers: tuple[Agreement, ...]
    towns: tuple[Agreement, ...]
    settings: AgreementSettings

    def town_weights(self) -> dict[UUID, Decimal]:
        return {t.town_id: t.weight for t in self.towns if t.town_id is not None}

    def to_json(self) -> dict[str, Any]:
        return {
            "reviewers": [r.to_json() for r in self.reviewers],
            "towns": [t.to_json() for t in self.towns],
            "settings": self.settings.to_json(),
        }


def reviewer_of(history: Sequence[SheetChange], item: str) -> str:
    """The account whose review-layer entry of the item stands, else the sheet's approver."""
    for change in reversed(history):
        if change.layer == Layer.REVIEW.value and change.item == item:
            return str(change.actor_id)
    approvals = [str(c.actor_id) for c in history if c.event == "Approved"]
    return approvals[-1] if approvals else ""


def comparisons(
    row: ScoreRow,
    history: Sequence[SheetChange],
    rubric_of: RubricOf,
    town_of: Mapping[UUID, UUID],
    settings: AgreementSettings,
) -> Iterable[Comparison]:
    """The sheet's items the county re-scored, each against the score the town approved."""
    rubric = rubric_of(row.head.rubric_id)
    reviewed = layer_summary(row, rubric, Layer.REVIEW).points
    verified = layer_summary(row, rubric, Layer.VERIFICATION).points
    for number in sorted(row.layers.get(Layer.VERIFICATION.value, {})):
        item = rubric.item(number)
        r, v = reviewed.get(number), verified.get(number)
        if item is None or item.kind in (Kind.DEDUCTION, Kind.VETO) or r is None or v is None:
            continue
        allowed = settings.tolerance * (item.max_points or ZERO)
        yield Comparison(
            row.assessment_id,
            number,
            reviewer_of(history, number),
            town_of.get(row.head.unit_id),
            r,
            v,
            abs(v - r) <= allowed,
        )


def agreement(
    key: str, town_id: UUID | None, found: Sequence[Comparison], settings: AgreementSettings
) -> Agreement:
    n = len(found)
    within = sum(1 for c in found if c.within)
    weight = 1 + settings.weight_per_disagreement * (1 - Decimal(within) / n)
    return Agreement(
        key,
        town_id,
        len({c.assessment_id for c in found}),
        n,
        within,
        (sum((abs(c.difference) for c in found), ZERO) / n).quantize(PLACES),
        (sum((c.difference for c in found), ZERO) / n).quantize(PLACES),
        weight.quantize(PLACES),
    )


def grade(
    rows: Iterable[ScoreRow],
    histories: Mapping[UUID, Sequence[SheetChange]],
    rubric_of: RubricOf,
    town_of: Mapping[UUID, UUID],
    settings: AgreementSettings | None = None,
) -> Grading:
    """The agreement of every reviewer and town over the checked sheets among `rows`."""
    chosen = settings or AgreementSettings()
    found = [
        c
        for row in rows
        for c in comparisons(row, histories.get(row.assessment_id, ()), rubric_of, town_of, chosen)
    ]
    by_reviewer: dict[tuple[str, UUID | None], list[Comparison]] = {}
    by_town: dict[UUID | None, list[Comparison]] = {}
    for c in found:
        by_reviewer.setdefault((c.reviewer, c.town_id), []).append(c)
        by_town.setdefault(c.town_id, []).append(c)
    reviewers = [agreement(who, town, group, chosen) for (who, town), group in by_reviewer.items()]
    towns = [agreement(str(town), town, group, chosen) for town, group in by_town.items()]
    order = _worst_first
    return Grading(
        tuple(found), tuple(sorted(reviewers, key=order)), tuple(sorted(towns, key=order)), chosen
    )


def _worst_first(a: Agreement) -> tuple[Decimal, Decimal, str]:
    return a.share_within, -a.mean_absolute, a.key
