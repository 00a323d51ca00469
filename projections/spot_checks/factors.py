"""Verification factors (RDQA): verified ÷ reported per item, assessment, town and county.

Reported is what the town approved (the self and review layers); verified is the score with
the county's verification layer on top. VF < 1 means over-reporting (less was verified than
reported), VF > 1 under-reporting; a factor outside the band (0.90–1.10 by default) is
significant. The pooled factor is Σ verified ÷ Σ reported, which can hide errors that cancel,
so the share of assessments outside the band is given beside it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from uuid import UUID

from domain.rules import Kind
from domain.workflow import Layer
from projections.scores import ScoreRow
from projections.spot_checks.evidence import RubricOf, layer_summary
from projections.spot_checks.settings import RiskSettings

PLACES = Decimal("0.0001")
ZERO = Decimal(0)


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
    assessment_id: UUID
    unit_id: UUID
    town_id: UUID | None
    reported: Decimal
    verified: Decimal
    factor: Decimal | None
    band: str
    verified_result: str
    items: tuple[ItemFactor, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "assessment_id": str(self.assessment_id),
            "unit_id": str(self.unit_id),
            "town_id": None if self.town_id is None else str(self.town_id),
            "reported": str(self.reported),
            "verified": str(self.verified),
            "factor": _text(self.factor),
            "band": self.band,
            "over_reporting": self.band == "over_reporting",
            "verified_result": self.verified_result,
            "items": [i.to_json() for i in self.items],
        }


@dataclass(frozen=True)
class PooledFactor:
    """A group's factor (a town, the county, or one item across sheets)."""

    key: str
    reported: Decimal
    verified: Decimal
    factor: Decimal | None
    band: str
    assessments: int
    outside: int
    over_reporting: int

    @property
    def share_outside(self) -> Decimal | None:
        return None if not self.assessments else Decimal(self.outside) / self.assessments

    def to_json(self) -> dict[str, Any]:
        share = self.share_outside
        return {
            "key": self.key,
            "reported": str(self.reported),
            "verified": str(self.verified),
            "factor": _text(self.factor),
            "band": self.band,
            "over_reporting_flag": self.band == "over_reporting",
            "assessments": self.assessments,
            "outside_band": self.outside,
            "over_reporting": self.over_reporting,
            "share_outside": None if share is None else str(share.quantize(PLACES)),
        }


@dataclass(frozen=True)
class Factors:
    """The factors of a set of verified sheets, with the settings that classified them."""

    assessments: tuple[AssessmentFactor, ...]
    towns: tuple[PooledFactor, ...]
    items: tuple[PooledFactor, ...]
    county: PooledFactor
    settings: RiskSettings

    def to_json(self) -> dict[str, Any]:
        return {
            "assessments": [a.to_json() for a in self.assessments],
            "towns": [t.to_json() for t in self.towns],
            "items": [i.to_json() for i in self.items],
            "county": self.county.to_json(),
            "settings": self.settings.to_json(),
        }


def assessment_factor(
    row: ScoreRow, rubric_of: RubricOf, town_of: Mapping[UUID, UUID], settings: RiskSettings
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
    return AssessmentFactor(
        row.assessment_id,
        row.head.unit_id,
        town_of.get(row.head.unit_id),
        reported.total,
        verified.total,
        factor,
        band(factor, settings),
        verified.result,
        tuple(items),
    )


def pooled(key: str, found: Iterable[AssessmentFactor], settings: RiskSettings) -> PooledFactor:
    group = list(found)
    reported = sum((a.reported for a in group), ZERO)
    verified = sum((a.verified for a in group), ZERO)
    factor = ratio(verified, reported)
    outside = sum(1 for a in group if a.band in ("over_reporting", "under_reporting"))
    over = sum(1 for a in group if a.band == "over_reporting")
    return PooledFactor(
        key, reported, verified, factor, band(factor, settings), len(group), outside, over
    )


def item_pools(found: Iterable[AssessmentFactor], settings: RiskSettings) -> list[PooledFactor]:
    sums: dict[str, list[ItemFactor]] = {}
    for a in found:
        for i in a.items:
            if i.factor is not None:
                sums.setdefault(i.item, []).append(i)
    pools = []
    for number in sorted(sums, key=_item_order):
        rows = sums[number]
        reported = sum((i.reported or ZERO for i in rows), ZERO)
        verified = sum((i.verified or ZERO for i in rows), ZERO)
        factor = ratio(verified, reported)
        outside = sum(1 for i in rows if band(i.factor, settings) != "within")
        over = sum(1 for i in rows if band(i.factor, settings) == "over_reporting")
        pools.append(
            PooledFactor(
                number, reported, verified, factor, band(factor, settings), len(rows), outside, over
            )
        )
    return pools


def verification_factors(
    rows: Iterable[ScoreRow],
    rubric_of: RubricOf,
    town_of: Mapping[UUID, UUID],
    settings: RiskSettings,
    county_key: str = "county",
) -> Factors:
    """The factors of the given (checked) sheets: each sheet, each town, each item, pooled."""
    found = [assessment_factor(r, rubric_of, town_of, settings) for r in rows]
    found.sort(key=lambda a: (str(a.town_id), str(a.unit_id), str(a.assessment_id)))
    towns: dict[str, list[AssessmentFactor]] = {}
    for a in found:
        towns.setdefault(str(a.town_id), []).append(a)
    return Factors(
        tuple(found),
        tuple(pooled(t, group, settings) for t, group in towns.items()),
        tuple(item_pools(found, settings)),
        pooled(county_key, found, settings),
        settings,
    )


def _item_order(number: str) -> tuple[int, str]:
    return (int(number), "") if number.isdigit() else (10**9, number)


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)
