"""What the pages offer an account on sheets, as each rubric's workflow says: the units whose
sheets it opens (新建评分表) and the sheets it reviews or verifies (待验收)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from uuid import UUID

from application.authorization import Action
from application.read_ports import UnitRecord
from application.sheet_work import acting_level
from domain.account import Role
from domain.rubric import Rubric, UnitLevel
from web.context import queries
from web.pages.base import Me


@dataclass(frozen=True)
class Openable:
    """A unit whose sheets the account opens, with the published rubrics it opens them on."""

    unit: UnitRecord
    rubrics: list[Rubric]


@dataclass(frozen=True)
class GrantReach:
    """One grant of the account: its role, the unit it is over and that unit's subtree."""

    role: Role
    unit: UnitRecord
    subtree: frozenset[UUID]

    def acts(self, rubric: Rubric, step: Action) -> bool:
        """Whether the rubric gives `step` on its sheets to this grant's kind of work at the
        level of the unit granted."""
        level = acting_level(rubric, self.role, step)
        return level is not None and level.value == self.unit.level


def reach_of(who: Me) -> list[GrantReach]:
    """The account's grants over open units, each with the units it covers."""
    found = []
    for grant in who.grants:
        unit = queries().units.row_by_code(grant.unit_code)
        if unit is None or unit.closed:
            continue
        below = queries().units.below([unit.unit_id])
        found.append(GrantReach(grant.role, unit, below | {unit.unit_id}))
    return found


def takes_step(reach: Sequence[GrantReach], rubric: Rubric, step: Action, unit: UUID) -> bool:
    """Whether one of the grants takes `step` on a sheet of `rubric` scoring `unit`."""
    return any(g.acts(rubric, step) and unit in g.subtree for g in reach)


def scored_units(grant: GrantReach, level: UnitLevel) -> list[UnitRecord]:
    """The open units at the scored level that the grant covers (itself, or below it)."""
    if grant.unit.level == level.value:
        return [grant.unit]
    rows = queries().units.rows(grant.subtree - {grant.unit.unit_id})
    return [u for u in rows.values() if u.level == level.value and not u.closed]


def openable(reach: Sequence[GrantReach], rubrics: Sequence[Rubric]) -> list[Openable]:
    """Each unit whose sheets a grant opens under some rubric's workflow, with those rubrics:
    the city's inspection group is offered its counties' Changzhi sheets, a county centre's
    staff only what its rubrics let the centre open itself."""
    offers: dict[UUID, tuple[UnitRecord, dict[tuple[str, int], Rubric]]] = {}
    for grant in reach:
        for rubric in rubrics:
            if not grant.acts(rubric, Action.OPEN):
                continue
            for unit in scored_units(grant, rubric.scored_level):
                offered = offers.setdefault(unit.unit_id, (unit, {}))[1]
                offered[rubric.code, rubric.version] = rubric
    return [
        Openable(unit, [found[key] for key in sorted(found)])
        for unit, found in sorted(offers.values(), key=lambda o: o[0].code)
    ]


@dataclass(frozen=True)
class RoundOffer:
    """A round the account may open (发起考核): a rubric's sheets for the units it scores
    below the unit a grant is over."""

    unit: UnitRecord
    rubric: Rubric

    @property
    def value(self) -> str:
        return f"{self.unit.code}|{self.rubric.code}:{self.rubric.version}"


def round_offers(reach: Sequence[GrantReach], rubrics: Sequence[Rubric]) -> list[RoundOffer]:
    """Each grant's unit above a rubric's scored level whose grant opens that rubric's sheets:
    the city's inspection group is offered a round of its counties' Changzhi sheets."""
    found = {
        (grant.unit.code, rubric.code, rubric.version): RoundOffer(grant.unit, rubric)
        for grant in reach
        for rubric in rubrics
        if grant.acts(rubric, Action.OPEN) and grant.unit.level != rubric.scored_level.value
    }
    return [found[key] for key in sorted(found)]
