"""Which level takes which step on a sheet: the rubric's workflow, read for one command."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from uuid import UUID

from application.authorization import Action, GrantCheck
from application.commands.assessments import ExtendRound, OpenAssessment, OpenRound
from application.commands.base import Command
from application.unit_of_work import UnitOfWork
from application.work_kinds import LAYER_OF_WORK, WORK_OF
from domain.account import Grant, Role
from domain.assessment import Assessment
from domain.audit import AuditedAggregate
from domain.ids import rubric_version_id, unit_id
from domain.rubric import Rubric, UnitLevel
from domain.rubric_version import RubricVersion
from domain.rubric_workflow import workflow_of
from domain.unit import Unit
from domain.workflow import Layer

STEP_LAYERS: Mapping[Action, tuple[Layer, ...]] = {
    Action.SCORE: tuple(Layer),
    Action.ATTACH_EVIDENCE: tuple(Layer),
    Action.SUBMIT: (Layer.SELF,),
    Action.RETURN: (Layer.REVIEW,),
    Action.APPROVE: (Layer.REVIEW,),
    Action.RECORD_FINDING: (Layer.VERIFICATION,),
    Action.FINALIZE: (Layer.VERIFICATION,),
    Action.REOPEN: (Layer.VERIFICATION,),
    Action.ASSIGN_SECTIONS: (Layer.REVIEW,),
}
"""The layers whose actors may take each step on a sheet (opening and extending the window:
the rubric's `opens` says; where the unit opens its own sheets, the reviewing level extends)."""


@dataclass(frozen=True)
class SheetWork:
    """One step on one sheet: who may take it is the acting layer's level in the rubric."""

    rubric: Rubric
    step: Action
    level_of: Callable[[UUID], UnitLevel | None]

    def layers(self) -> tuple[Layer, ...]:
        opens = workflow_of(self.rubric).opens
        if self.step is Action.OPEN:
            return (opens,)
        if self.step is Action.EXTEND_WINDOW:  # a unit that opens its own never extends it
            return (Layer.REVIEW if opens is Layer.SELF else opens,)
        return STEP_LAYERS.get(self.step, tuple(Layer))

    def check(self, grant: Grant) -> str | None:
        """Why this grant may not take the step (None: it may). Kinds of work that write no
        layer (oversight, administration) are left to the policy table."""
        layer = LAYER_OF_WORK.get(WORK_OF[grant.role])
        if layer is None:
            return None
        code, scored = self.rubric.code, self.rubric.scored_level
        if layer not in self.layers():
            steps = " or ".join(la.value for la in self.layers())
            return (
                f"{self.step.value} on a {code} sheet is the {steps} layer's step; "
                f"{grant.role.value} works on the {layer.value} layer"
            )
        wanted = workflow_of(self.rubric).level(layer, scored)
        granted = self.level_of(grant.unit_id)
        if wanted is None:
            return f"{code} gives the {layer.value} layer of its sheets to nobody"
        if granted is not wanted:
            where = granted.value if granted else "unknown"
            return (
                f"{code} gives the {layer.value} layer of {scored.value} sheets to the "
                f"{wanted.value} level; {grant.role.value} is granted over a {where} unit"
            )
        return None


def acting_level(rubric: Rubric, role: Role, step: Action) -> UnitLevel | None:
    """The level of unit a grant of `role` must be over to take `step` on this rubric's
    sheets (None: its kind of work never takes it there): what pages offer and list."""
    layer = LAYER_OF_WORK.get(WORK_OF[role])
    if layer is None or layer not in SheetWork(rubric, step, lambda _: None).layers():
        return None
    return workflow_of(rubric).level(layer, rubric.scored_level)


def sheet_check(
    command: Command,
    subject: AuditedAggregate | None,
    rubrics: Callable[[UUID], Rubric],
    uow: UnitOfWork,
) -> GrantCheck | None:
    """The workflow check of a step on a sheet (None: the command is not one)."""
    if isinstance(subject, Assessment):
        rubric = rubrics(subject.rubric_id)
    elif isinstance(command, OpenAssessment | OpenRound | ExtendRound):
        published = uow.find(RubricVersion, rubric_version_id(command.rubric, command.version))
        units = command.units if isinstance(command, OpenRound | ExtendRound) else (command.unit,)
        if published is None or any(uow.find(Unit, unit_id(u)) is None for u in units):
            return None  # the handler says what is missing
        rubric = rubrics(published.id)
    else:
        return None

    def level_of(unit: UUID) -> UnitLevel | None:
        found = uow.find(Unit, unit)
        return None if found is None else found.level

    return SheetWork(rubric, command.step, level_of).check
