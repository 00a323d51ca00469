"""A round (发起考核): a period's sheets on one rubric for every unit it scores under one
unit, planned from the read models and opened in one command, for the API and the pages."""

from __future__ import annotations

from dataclasses import dataclass

from application.authorization import Action, Caller
from application.commands.assessments import OpenRound
from application.errors import NotFoundError
from application.read_ports import UnitRecord
from domain.ids import assessment_id, rubric_version_id
from domain.rubric import Rubric
from web.context import queries


@dataclass(frozen=True)
class RoundPlan:
    """What a round would open: the units still without their sheet, and those that have it."""

    rubric: Rubric
    period: str
    under: str
    missing: list[UnitRecord]
    opened: list[UnitRecord]

    def command(self) -> OpenRound:
        codes = tuple(u.code for u in self.missing)
        return OpenRound(
            rubric=self.rubric.code, version=self.rubric.version, period=self.period, units=codes
        )


def plan_round(caller: Caller, rubric: str, version: int, period: str, under: str) -> RoundPlan:
    found = queries().rubrics.rubric_named(rubric, version)
    if found is None:
        raise NotFoundError(f"rubric {rubric} v{version} is not published")
    units = queries().units.scored_under(caller, Action.OPEN, under, found.scored_level, period)
    rid = rubric_version_id(rubric, version)
    has = {
        u.unit_id
        for u in units
        if queries().assessments.exists(assessment_id(u.unit_id, rid, period))
    }
    return RoundPlan(
        found,
        period,
        under,
        [u for u in units if u.unit_id not in has],
        [u for u in units if u.unit_id in has],
    )
