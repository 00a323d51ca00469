"""The spot-check port of the application's queries, over the units and scores views."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any
from uuid import UUID

from application.commands.campaigns import Candidates
from application.errors import NotFoundError
from infra.projections.registry import Projections
from infra.projections.tables import applied_position, people_of
from projections.scores import SheetFilter
from projections.spot_checks.agreement_reading import agreement_frame, read_grading
from projections.spot_checks.headline import factors_json
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

    def factors(
        self,
        county_id: UUID,
        probabilities: Mapping[UUID, Fraction],
        findings: Mapping[UUID, str],
    ) -> dict[str, Any]:
        views = self.projections
        found = read_factors(
            views.scores(),
            views.units(),
            county_id,
            probabilities,
            RiskSettings(),
            probabilities,
            findings,
        )
        return factors_json(found, {u.unit_id: u.name for u in views.units().all_units()})

    def agreement(self, county: str, period: str | None) -> dict[str, Any]:
        views = self.projections
        units = views.units()
        found = units.unit_by_code(county)
        if found is None or found.level != "county":
            raise NotFoundError(f"no county with code {county}")
        grading = read_grading(views.scores(), units, found.unit_id, period)
        data = grading.to_json()
        names = {u.unit_id: u.name for u in units.all_units()}
        accounts = views.accounts()
        for row in data["reviewers"]:
            account = accounts.account(UUID(row["key"])) if _is_uuid(row["key"]) else None
            row["name"] = account.display_name if account else "系统"
            row["town"] = names.get(UUID(row["town_id"]), "") if row["town_id"] else ""
        for row in data["towns"]:
            row["name"] = names.get(UUID(row["town_id"]), "") if row["town_id"] else ""
        data["county_id"], data["county"], data["period"] = str(found.unit_id), county, period
        if period is not None:
            weights = agreement_frame(views.scores(), units, found.unit_id, period, grading)
            data["weights"] = {str(aid): str(w) for aid, w in weights.items()}
        return data

    def frame(self, county_id: UUID, period: str, weighted: bool) -> Candidates:
        views = self.projections
        scores, units = views.scores(), views.units()
        if not weighted:
            return eligible(scores, units, county_id, period)
        at = applied_position(views)
        report = read_report(scores, units, county_id, period, RiskSettings(), at)
        return weighted_frame(scores, units, county_id, period, report.weights())

    def agreement_frame(self, county_id: UUID, period: str) -> Candidates:
        views = self.projections
        scores, units = views.scores(), views.units()
        grading = read_grading(scores, units, county_id)
        return agreement_frame(scores, units, county_id, period, grading)

    def periods(self, county_id: UUID) -> list[str]:
        stations = frozenset(towns_of(self.projections.units(), county_id))
        rows = self.projections.scores().sheets(SheetFilter(unit_ids=stations))
        return sorted({r.head.period for r in rows}, reverse=True)


def _is_uuid(text: str) -> bool:
    try:
        UUID(text)
    except ValueError:
        return False
    return True
