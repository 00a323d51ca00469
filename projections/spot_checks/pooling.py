"""Pooled verification factors of a town, the county and each item across the checked sheets:
Horvitz–Thompson ratios (each sheet weighted 1/π) with a 95 % interval, the sheets outside
the band, and the worst of them for the headline."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any
from uuid import UUID

from domain.workflow import Layer
from projections.scores import ScoreRow
from projections.spot_checks.estimation import PLACES, Draw, RatioEstimate, ratio_estimate
from projections.spot_checks.evidence import RubricOf
from projections.spot_checks.factors import (
    ZERO,
    AssessmentFactor,
    assessment_factor,
    band,
)
from projections.spot_checks.settings import RiskSettings


@dataclass(frozen=True)
class PooledFactor:
    """A group's factor (a town, the county, or one item across sheets): the sums of what
    the sheets reported and verified, the estimate for the frame they stand for, and how
    many sheets are outside the band."""

    key: str
    reported: Decimal
    verified: Decimal
    estimate: RatioEstimate
    band: str
    assessments: int
    outside: int
    over_reporting: int

    @property
    def factor(self) -> Decimal | None:
        return self.estimate.factor

    @property
    def share_outside(self) -> Decimal | None:
        return None if not self.assessments else Decimal(self.outside) / self.assessments

    def to_json(self) -> dict[str, Any]:
        share, e = self.share_outside, self.estimate
        return {
            "key": self.key,
            "reported": str(self.reported),
            "verified": str(self.verified),
            "estimated_reported": str(e.reported),
            "estimated_verified": str(e.verified),
            "factor": _text(e.factor),
            "standard_error": _text(e.standard_error),
            "interval": None if e.low is None else [str(e.low), str(e.high)],
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
    pending: tuple[UUID, ...] = ()
    """Sampled sheets neither re-scored nor given a finding yet: not counted (as checked
    they would read as VF 1, and their reported scores would unblind the re-scoring)."""

    @property
    def worst(self) -> AssessmentFactor | None:
        """The sheet the headline names: a falsified one, else a vetoed one, else the one
        whose factor lies farthest from 1."""
        return min(self.assessments, key=lambda a: a.severity, default=None)

    def to_json(self) -> dict[str, Any]:
        worst = self.worst
        return {
            "assessments": [a.to_json() for a in self.assessments],
            "towns": [t.to_json() for t in self.towns],
            "items": [i.to_json() for i in self.items],
            "county": self.county.to_json(),
            "worst": None if worst is None else worst.to_json(),
            "pending": [str(a) for a in self.pending],
            "method": "horvitz-thompson-ratio/linearised-95",
            "settings": self.settings.to_json(),
        }


def pooled(key: str, found: Iterable[AssessmentFactor], settings: RiskSettings) -> PooledFactor:
    group = list(found)
    estimate = ratio_estimate(Draw(a.reported, a.verified, a.probability) for a in group)
    return PooledFactor(
        key,
        sum((a.reported for a in group), ZERO),
        sum((a.verified for a in group), ZERO),
        estimate,
        band(estimate.factor, settings),
        len(group),
        sum(1 for a in group if a.outside),
        sum(1 for a in group if a.over_reporting),
    )


def item_pools(found: Iterable[AssessmentFactor], settings: RiskSettings) -> list[PooledFactor]:
    draws: dict[str, list[tuple[Draw, str]]] = {}
    for a in found:
        for i in a.items:
            if i.factor is not None and i.reported is not None and i.verified is not None:
                draw = Draw(i.reported, i.verified, a.probability)
                draws.setdefault(i.item, []).append((draw, band(i.factor, settings)))
    pools = []
    for number in sorted(draws, key=_item_order):
        rows = draws[number]
        estimate = ratio_estimate(d for d, _ in rows)
        pools.append(
            PooledFactor(
                number,
                sum((d.reported for d, _ in rows), ZERO),
                sum((d.verified for d, _ in rows), ZERO),
                estimate,
                band(estimate.factor, settings),
                len(rows),
                sum(1 for _, b in rows if b != "within"),
                sum(1 for _, b in rows if b == "over_reporting"),
            )
        )
    return pools


def verification_factors(
    rows: Iterable[ScoreRow],
    rubric_of: RubricOf,
    town_of: Mapping[UUID, UUID],
    settings: RiskSettings,
    county_key: str = "county",
    probabilities: Mapping[UUID, Fraction] | None = None,
    findings: Mapping[UUID, str] | None = None,
) -> Factors:
    """The factors of the checked sheets among `rows` (re-scored, or given a finding): each
    sheet, each town, each item, pooled, each sheet weighted by 1/π (π: its inclusion
    probability, 1 when not given); the others are listed as pending."""
    chances, found_of = probabilities or {}, findings or {}
    given = list(rows)
    checked = [r for r in given if _checked(r, found_of)]
    pending = tuple(sorted((r.assessment_id for r in given if r not in checked), key=str))
    found = [
        assessment_factor(
            r,
            rubric_of,
            town_of,
            settings,
            chances.get(r.assessment_id, Fraction(1)),
            found_of.get(r.assessment_id),
        )
        for r in checked
    ]
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
        pending,
    )


def _checked(row: ScoreRow, findings: Mapping[UUID, str]) -> bool:
    return bool(row.layers.get(Layer.VERIFICATION.value)) or row.assessment_id in findings


def _item_order(number: str) -> tuple[int, str]:
    return (int(number), "") if number.isdigit() else (10**9, number)


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)
