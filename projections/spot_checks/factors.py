"""Verification factors (RDQA): verified ÷ reported per item and per checked sheet.

Reported is what the town approved (the self and review layers); verified is the score with
the county's verification layer on top. VF < 1 means over-reporting (less was verified than
reported), VF > 1 under-reporting; a factor outside the band (0.90–1.10 by default) is
significant. A sheet found falsified, or vetoed once verified, is outside the band whatever
its ratio: a veto voids the result, so no ratio of points can say it stands. Pooling over
sheets (weighted by inclusion probability) is in `pooling.py`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any
from uuid import UUID

from domain.rules import Kind
from domain.scoring import Result
from domain.workflow import Layer
from projections.scores import ScoreRow
from projections.spot_checks.estimation import PLACES
from projections.spot_checks.evidence import RubricOf, layer_summary
from projections.spot_checks.settings import RiskSettings

ZERO = Decimal(0)
FALSIFICATION = "falsification"
OUTSIDE = frozenset({"over_reporting", "under_reporting", "falsified", "vetoed"})
"""The bands that count as outside: by ratio, or a falsification or veto whatever the ratio."""
SEVERITY = ("falsified", "vetoed", "over_reporting", "under_reporting", "within", "none")
"""The bands from the worst down: the headline names the first sheet in this order."""


def ratio(verified: Decimal, reported: Decimal) -> Decimal | None:
    return None if reported <= 0 else (verified / reported).quantize(PLACES)


def band(factor: Decimal | None, settings: RiskSettings) -> str:
    if factor is None:
        return "none"
    if factor < settings.band_low:
        return "over_reporting"
    if factor > settings.band_high:
        return "under_reporting"
    return "within"


@dataclass(frozen=True)
class ItemFactor:
    """One re-scored item: reported and verified points and their ratio."""

    item: str
    reported: Decimal | None
    verified: Decimal | None
    factor: Decimal | None

    def to_json(self) -> dict[str, Any]:
        return {
            "item": self.item,
            "reported": _text(self.reported),
            "verified": _text(self.verified),
            "factor": _text(self.factor),
        }


@dataclass(frozen=True)
class AssessmentFactor:
    """A checked sheet: its points, factor and band (`ratio_band`: by the ratio alone; `band`
    is `falsified` or `vetoed` when the finding or the verified result says so), and the
    inclusion probability that weighs it in the pooled factors."""

    assessment_id: UUID
    unit_id: UUID
    town_id: UUID | None
    reported: Decimal
    verified: Decimal
    factor: Decimal | None
    band: str
    verified_result: str
    items: tuple[ItemFactor, ...]
    probability: Fraction = Fraction(1)
    finding: str | None = None
    ratio_band: str = ""
    reported_result: str = ""

    @property
    def vetoed_as_reported(self) -> bool:
        """Vetoed already in what the town approved (the county confirmed a veto)."""
        return self.reported_result == Result.VETOED.value

    @property
    def outside(self) -> bool:
        return self.band in OUTSIDE

    @property
    def over_reporting(self) -> bool:
        """Less stands than was reported: by the ratio, by a falsification, or by a veto the
        town had not reported."""
        if self.band == "vetoed":
            return not self.vetoed_as_reported
        return self.band in ("over_reporting", "falsified")

    @property
    def severity(self) -> tuple[int, Decimal]:
        """Sorts the worst sheet first: by band, then by distance of the factor from 1."""
        distance = ZERO if self.factor is None else abs(1 - self.factor)
        return SEVERITY.index(self.band), -distance

    def to_json(self) -> dict[str, Any]:
        return {
            "assessment_id": str(self.assessment_id),
            "unit_id": str(self.unit_id),
            "town_id": None if self.town_id is None else str(self.town_id),
            "reported": str(self.reported),
            "verified": str(self.verified),
            "factor": _text(self.factor),
            "band": self.band,
            "ratio_band": self.ratio_band,
            "outside_band": self.outside,
            "over_reporting": self.over_reporting,
            "verified_result": self.verified_result,
            "reported_result": self.reported_result,
            "finding": self.finding,
            "probability": str(self.probability),
            "items": [i.to_json() for i in self.items],
        }


def assessment_factor(
    row: ScoreRow,
    rubric_of: RubricOf,
    town_of: Mapping[UUID, UUID],
    settings: RiskSettings,
    probability: Fraction = Fraction(1),
    finding: str | None = None,
) -> AssessmentFactor:
    rubric = rubric_of(row.head.rubric_id)
    reported = layer_summary(row, rubric, Layer.REVIEW)
    verified = layer_summary(row, rubric, Layer.VERIFICATION)
    items: list[ItemFactor] = []
    for number in sorted(row.layers.get(Layer.VERIFICATION.value, {})):
        item = rubric.item(number)
        r, v = reported.points.get(number), verified.points.get(number)
        plain = item is not None and item.kind not in (Kind.DEDUCTION, Kind.VETO)
        factor = ratio(v, r) if plain and r is not None and v is not None else None
        items.append(ItemFactor(number, r, v, factor))
    factor = ratio(verified.total, reported.total)
    by_ratio = band(factor, settings)
    if finding == FALSIFICATION:
        effective = "falsified"
    elif verified.result == Result.VETOED.value:
        effective = "vetoed"
    else:
        effective = by_ratio
    return AssessmentFactor(
        row.assessment_id,
        row.head.unit_id,
        town_of.get(row.head.unit_id),
        reported.total,
        verified.total,
        factor,
        effective,
        verified.result,
        tuple(items),
        probability,
        finding,
        by_ratio,
        reported.result,
    )


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)
