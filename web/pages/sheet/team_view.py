"""The inspection group as a sheet page shows it: who leads it (组长, the account that opened
the sheet), which sections are assigned to whom, who scored each item of the review layer, and
whether the signed-in account may assign sections or extend the window."""

from __future__ import annotations

from dataclasses import dataclass

from application.authorization import Action
from domain.assessment import Assessment
from domain.rubric import Rubric, Section
from domain.rubric_workflow import workflow_of
from domain.workflow import Layer
from web.pages.base import me
from web.pages.people import People
from web.pages.sheet.model import may_act


@dataclass(frozen=True)
class Assignment:
    section: Section
    inspector: str


@dataclass(frozen=True)
class Team:
    """The group as the page shows it."""

    leader: str
    sections: list[Section]
    assigned: list[Assignment]
    scorers: dict[str, dict[str, str]]
    """Per layer above the self layer, per item: who last changed its entry there."""
    can_assign: bool
    can_extend: bool
    shown: bool
    """Whether the sheet is an inspection's: its reviewing body opens it (its leader)."""


def team_of(a: Assessment, rubric: Rubric) -> Team:
    people = People()
    tops = [n for n in rubric.nodes if isinstance(n, Section)]
    assigned = [Assignment(s, a.assigned[s.number][1]) for s in tops if s.number in a.assigned]
    scorers = {
        layer.value: {n: people.name(who) for n, who in a.scored_by[layer.value].items()}
        for layer in (Layer.REVIEW, Layer.VERIFICATION)
    }
    leader = str(me().account.id) == a.opened_by
    return Team(
        people.name(a.opened_by),
        tops,
        assigned,
        scorers,
        leader and may_act(Action.ASSIGN_SECTIONS, a),
        may_act(Action.EXTEND_WINDOW, a) and a.window(rubric) is not None,
        workflow_of(rubric).opens is Layer.REVIEW,
    )
