"""Reading the agreement between town reviews and county verification from the views: every
checked sheet of a county (of one period, or all), and the weights it gives a period's frame."""

from __future__ import annotations

from decimal import Decimal
from uuid import UUID

from domain.workflow import Layer, Status
from projections.scores import ScoresReader, SheetFilter
from projections.spot_checks.agreement import AgreementSettings, Grading, grade
from projections.spot_checks.reading import towns_of
from projections.units import UnitsReader


def read_grading(
    scores: ScoresReader,
    units: UnitsReader,
    county_id: UUID,
    period: str | None = None,
    settings: AgreementSettings | None = None,
) -> Grading:
    """The agreement over the county's checked sheets (those with a verification layer)."""
    town_of = towns_of(units, county_id)
    rows = scores.sheets(SheetFilter(unit_ids=frozenset(town_of), period=period))
    checked = [r for r in rows if r.layers.get(Layer.VERIFICATION.value)]
    rubrics = {r.head.rubric_id: scores.rubric(r.head.rubric_id) for r in checked}
    histories = scores.histories([r.assessment_id for r in checked])
    return grade(checked, histories, rubrics.__getitem__, town_of, settings)


def agreement_frame(
    scores: ScoresReader, units: UnitsReader, county_id: UUID, period: str, grading: Grading
) -> dict[UUID, Decimal]:
    """The approved sheets of a period, each weighted by its town's agreement weight (towns
    never checked: 1), for a weighted campaign's frame."""
    town_of = towns_of(units, county_id)
    weights = grading.town_weights()
    where = SheetFilter(unit_ids=frozenset(town_of), period=period)
    return {
        r.assessment_id: weights.get(town_of[r.head.unit_id], Decimal(1))
        for r in scores.sheets(where)
        if r.status == Status.APPROVED.value
    }
