"""Guarded assessment use cases: each step by the role it belongs to, on units in its subtree;
the layer a score goes to follows the role; nobody reviews what they submitted."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING
from uuid import UUID

from application.actor import Actor
from application.authorization import LAYER_OF, Action, Caller, Target
from application.runner import Command, Outcome
from domain.assessment import Assessment
from domain.entries import ItemEntry
from domain.ids import unit_id
from domain.workflow import Layer

if TYPE_CHECKING:
    from application.guarded import Gate


class GuardedAssessments:
    """Assessment steps as callers ask for them, each needing a grant over the assessed unit's
    subtree (reads are the queries' AssessmentQueries)."""

    def __init__(self, gate: Gate) -> None:
        self.gate = gate
        self.service = gate.kaohe.assessments

    # Opening --------------------------------------------------------------------------

    def open(self, caller: Caller, unit: str, rubric: str, version: int, period: str) -> Outcome:
        where = Target(f"unit:{unit}", unit_id(unit))
        command = self.gate.command(caller, self.gate.actor(caller, Action.OPEN, where))
        args = {"unit": unit, "rubric": rubric, "version": version, "period": period}
        replayed = self.gate.replayed(command, "open_assessment", args)
        return replayed or self.service.open(command, unit, rubric, version, period)

    # Scoring (the layer is the role's) ------------------------------------------------

    def score_item(
        self, caller: Caller, aid: UUID, number: str, entry: ItemEntry, reason: str = ""
    ) -> Outcome:
        command, layer = self._scoring(caller, aid)
        return self.service.score_item(command, aid, number, layer, entry, reason)

    def save_sheet(
        self, caller: Caller, aid: UUID, entries: Mapping[str, ItemEntry], reason: str = ""
    ) -> Outcome:
        command, layer = self._scoring(caller, aid)
        return self.service.save_sheet(command, aid, layer, entries, reason)

    def apply_deduction(
        self,
        caller: Caller,
        aid: UUID,
        number: str,
        line: str,
        count: int | None,
        amount: Decimal | None,
        reason: str,
    ) -> Outcome:
        command, layer = self._scoring(caller, aid)
        return self.service.apply_deduction(
            command, aid, number, layer, line, count, amount, reason
        )

    def claim_bonus(
        self, caller: Caller, aid: UUID, number: str, matter: str, tier: str, reason: str = ""
    ) -> Outcome:
        command, layer = self._scoring(caller, aid)
        return self.service.claim_bonus(command, aid, number, layer, matter, tier, reason)

    def withdraw_bonus(
        self, caller: Caller, aid: UUID, number: str, matter: str, tier: str, reason: str
    ) -> Outcome:
        command, layer = self._scoring(caller, aid)
        return self.service.withdraw_bonus(command, aid, number, layer, matter, tier, reason)

    def raise_veto(
        self, caller: Caller, aid: UUID, number: str, condition: str, reason: str
    ) -> Outcome:
        command, layer = self._scoring(caller, aid)
        return self.service.raise_veto(command, aid, number, layer, condition, reason)

    def lift_veto(
        self, caller: Caller, aid: UUID, number: str, condition: str, reason: str
    ) -> Outcome:
        command, layer = self._scoring(caller, aid)
        return self.service.lift_veto(command, aid, number, layer, condition, reason)

    def enter_progress(
        self,
        caller: Caller,
        aid: UUID,
        number: str,
        progress: str,
        value: Decimal | None = None,
        reason: str = "",
    ) -> Outcome:
        command, layer = self._scoring(caller, aid)
        return self.service.enter_progress(command, aid, number, layer, progress, value, reason)

    def attach_evidence(
        self, caller: Caller, aid: UUID, name: str, content: bytes, item: str | None = None
    ) -> Outcome:
        command, _ = self._step(caller, Action.ATTACH_EVIDENCE, aid)
        return self.service.attach_evidence(command, aid, name, content, item)

    # Workflow -------------------------------------------------------------------------

    def submit(self, caller: Caller, aid: UUID) -> Outcome:
        return self.service.submit(self._step(caller, Action.SUBMIT, aid)[0], aid)

    def return_to_unit(
        self, caller: Caller, aid: UUID, reason: str, items: Sequence[str]
    ) -> Outcome:
        command = self._review(caller, Action.RETURN, aid)
        return self.service.return_to_unit(command, aid, reason, items)

    def approve(self, caller: Caller, aid: UUID) -> Outcome:
        return self.service.approve(self._review(caller, Action.APPROVE, aid), aid)

    def record_finding(
        self,
        caller: Caller,
        aid: UUID,
        finding: str,
        items: Sequence[str],
        evidence: Sequence[str],
        note: str,
    ) -> Outcome:
        command, _ = self._step(caller, Action.RECORD_FINDING, aid)
        return self.service.record_finding(command, aid, finding, items, evidence, note)

    def finalize(self, caller: Caller, aid: UUID) -> Outcome:
        return self.service.finalize(self._step(caller, Action.FINALIZE, aid)[0], aid)

    def reopen(self, caller: Caller, aid: UUID, reason: str) -> Outcome:
        return self.service.reopen(self._step(caller, Action.REOPEN, aid)[0], aid, reason)

    # Internals ------------------------------------------------------------------------

    def _step(self, caller: Caller, action: Action, aid: UUID) -> tuple[Command, Actor]:
        current = self.service.get(aid)
        actor = self.gate.actor(caller, action, _target(current))
        return self.gate.command(caller, actor, current.version), actor

    def _scoring(self, caller: Caller, aid: UUID) -> tuple[Command, Layer]:
        command, actor = self._step(caller, Action.SCORE, aid)
        return command, LAYER_OF[actor.role]

    def _review(self, caller: Caller, action: Action, aid: UUID) -> Command:
        """A review step, refused (and recorded) for the account that submitted the sheet."""
        current = self.service.get(aid)
        target = _target(current)
        actor = self.gate.actor(caller, action, target)
        if current.submitted_by == str(caller.account_id):
            account = self.gate.auth.account(caller.account_id)
            why = f"nobody may {action.value.partition('.')[2]} an assessment they submitted"
            self.gate.auth.refuse(caller, account, action, target, why)
        return self.gate.command(caller, actor, current.version)


def _target(a: Assessment) -> Target:
    return Target(f"assessment:{a.id}", a.unit_id)
