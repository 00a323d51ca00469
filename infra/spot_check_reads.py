"""The spot-check port of the application's queries, over the units and scores views."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from uuid import UUID

from application.commands.campaigns import Candidates
from application.errors import NotFoundError
from infra.projections.registry import Projections
from infra.projections.tables import applied_position, people_of
from projections.scores import SheetFilter
from projections.spot_checks.reading import (
    eligible,
    read_factors,
    read_report,
    towns_of,
    weighted_frame,
)
from projections.spot_checks.settings import RiskSettings


class ProjectedSpotChecks:
    """Risk reports, frames and factors as the views hold them."""

    def __init__(self, projections: Projections) -> None:
        self.projections = projections

    def risk(self, county: str, period: str, position: int | None) -> dict[str, Any]:
        views = self.projections
        at = applied_position(views) if position is None else position
        units = views.units(at)
        found = units.unit_by_code(county)
        if found is None or found.level != "county":
            raise NotFoundError(f"no county with code {county}")
        people = people_of(views)
        settings = RiskSettings()
        report = read_report(views.scores(), units, found.unit_id, period, settings, at, people)
        named = {u.unit_id: (u.code, u.name) for u in units.all_units()}
        data = report.to_json()
        for key in ("stations", "towns"):
            for row in data[key]:
                row["code"], row["name"] = named.get(UUID(row["unit_id"]), ("", ""))
        return data

    def factors(self, county_id: UUID, aids: Sequence[UUID]) -> dict[str, Any]:
        views = self.projections
        found = read_factors(views.scores(), views.units(), county_id, aids, RiskSettings())
        return found.to_json()

    def frame(self, county_id: UUID, period: str, weighted: bool) -> Candidates:
        views = self.projections
        scores, units = views.scores(), views.units()
        if not weighted:
            return eligible(scores, units, county_id, period)
        at = applied_position(views)
        report = read_report(scores, units, county_id, period, RiskSettings(), at)
        return weighted_frame(scores, units, county_id, period, report.weights())

    def periods(self, county_id: UUID) -> list[str]:
        stations = frozenset(towns_of(self.projections.units(), county_id))
        rows = self.projections.scores().sheets(SheetFilter(unit_ids=stations))
        return sorted({r.head.period for r in rows}, reverse=True)
