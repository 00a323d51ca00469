"""Reading what spot checks need from the scores and units views (now or as of a position)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from uuid import UUID

from domain.workflow import Status
from projections.scores import ScoresReader, SheetFilter
from projections.spot_checks.pooling import Factors, verification_factors
from projections.spot_checks.report import RiskReport, risk_report
from projections.spot_checks.scope import Scope
from projections.spot_checks.settings import RiskSettings
from projections.spot_checks.sheet_signals import earlier_periods
from projections.units import FOREVER, UnitsReader, subtree


def towns_of(units: UnitsReader, county_id: UUID) -> dict[UUID, UUID]:
    """Each station under the county → its town (the latest hierarchy)."""
    levels = {u.unit_id: u.level for u in units.all_units()}
    inside = subtree(units, county_id)
    return {
        child: parent
        for child, parent in units.parents_on(FOREVER).items()
        if parent is not None and child in inside and levels.get(parent) == "town"
    }


def read_scope(
    scores: ScoresReader,
    units: UnitsReader,
    county_id: UUID,
    period: str,
    settings: RiskSettings,
    as_of: int | None = None,
    people: Mapping[str, str] | None = None,
) -> Scope:
    """`people`: account id → name, to name accounts in the explanations."""
    town_of = towns_of(units, county_id)
    periods = earlier_periods(period, max(settings.gap_periods, 1))
    where = SheetFilter(unit_ids=frozenset(town_of), periods=frozenset(periods))
    rows = scores.sheets(where, as_of)
    current = [r for r in rows if r.head.period == period]
    rubrics = {r.head.rubric_id: scores.rubric(r.head.rubric_id) for r in rows}
    return Scope(
        period,
        current,
        scores.histories([r.assessment_id for r in current], as_of),
        rubrics.__getitem__,
        town_of,
        [r for r in rows if r.head.period != period],
        {str(u.unit_id): u.name for u in units.all_units()} | dict(people or {}),
    )


def read_report(
    scores: ScoresReader,
    units: UnitsReader,
    county_id: UUID,
    period: str,
    settings: RiskSettings,
    position: int,
    people: Mapping[str, str] | None = None,
) -> RiskReport:
    """The risk report as the views stood at `position` (units: pass a reader at it), with
    accounts named from `people` (account id → name)."""
    scope = read_scope(scores, units, county_id, period, settings, position, people)
    return risk_report(county_id, scope, settings, position)


def eligible(scores: ScoresReader, units: UnitsReader, county_id: UUID, period: str) -> list[UUID]:
    """The approved sheets of the period under the county's towns: a campaign's frame."""
    town_of = towns_of(units, county_id)
    where = SheetFilter(unit_ids=frozenset(town_of), period=period)
    return [r.assessment_id for r in scores.sheets(where) if r.status == Status.APPROVED.value]


def weighted_frame(
    scores: ScoresReader,
    units: UnitsReader,
    county_id: UUID,
    period: str,
    weights: Mapping[UUID, Decimal],
) -> dict[UUID, Decimal]:
    """The frame with each sheet weighted by its station's weight (e.g. a risk report's
    `weights()`, from an earlier period); stations without one weigh 1."""
    town_of = towns_of(units, county_id)
    where = SheetFilter(unit_ids=frozenset(town_of), period=period)
    return {
        r.assessment_id: weights.get(r.head.unit_id, Decimal(1))
        for r in scores.sheets(where)
        if r.status == Status.APPROVED.value
    }


def read_factors(
    scores: ScoresReader,
    units: UnitsReader,
    county_id: UUID,
    assessment_ids: Iterable[UUID],
    settings: RiskSettings,
    probabilities: Mapping[UUID, Fraction] | None = None,
    findings: Mapping[UUID, str] | None = None,
) -> Factors:
    """The verification factors of the given (checked) sheets, each weighted by 1/π (its
    inclusion probability) and classified with its finding."""
    rows = scores.sheets(SheetFilter(assessment_ids=frozenset(assessment_ids)))
    rubrics = {r.head.rubric_id: scores.rubric(r.head.rubric_id) for r in rows}
    return verification_factors(
        rows,
        rubrics.__getitem__,
        towns_of(units, county_id),
        settings,
        str(county_id),
        probabilities,
        findings,
    )
