"""Use cases for assessments: open, score, review, verify, finalize; read as of any time."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from application.errors import ConflictError
from application.ports import EvidenceFiles
from application.rubrics import RubricService
from application.runner import Command, CommandRunner, Outcome
from application.units import UnitService
from domain.assessment import Assessment
from domain.audit import Stamp
from domain.entries import ItemEntry
from domain.entry_data import entry_to_data
from domain.errors import DomainError
from domain.ids import assessment_id
from domain.rubric import Rubric
from domain.workflow import Layer


class AssessmentService:
    """Every assessment command runs in one transaction against the caller's expected
    version; reads can ask for any past version or moment."""

    def __init__(
        self,
        runner: CommandRunner,
        units: UnitService,
        rubrics: RubricService,
        files: EvidenceFiles,
    ) -> None:
        self.runner = runner
        self.units = units
        self.rubrics = rubrics
        self.files = files

    # Reading ----------------------------------------------------------------------------

    def get(
        self, aid: UUID, version: int | None = None, as_of: datetime | None = None
    ) -> Assessment:
        """The assessment now, at a version, or as it stood at a moment."""
        return self.runner.load_at(Assessment, aid, f"assessment {aid}", version, as_of)

    def exists(self, aid: UUID) -> bool:
        return self.runner.find(Assessment, aid) is not None

    def rubric_of(self, assessment: Assessment) -> Rubric:
        return self.rubrics.rubric(assessment.rubric_id)

    # Opening ----------------------------------------------------------------------------

    def open(
        self, command: Command, unit_code: str, rubric_code: str, rubric_version: int, period: str
    ) -> Outcome:
        unit = self.units.get(unit_code)
        published = self.rubrics.find(rubric_code, rubric_version)
        if published.retired:
            raise DomainError(
                f"rubric {rubric_code} v{rubric_version} is retired; "
                "open assessments against a current version"
            )
        rubric = self.rubrics.rubric(published.id)
        if unit.level is not rubric.scored_level:
            raise DomainError(
                f"{rubric_code} scores {rubric.scored_level.value} units; "
                f"{unit_code} is a {unit.level.value} unit"
            )
        aid = assessment_id(unit.id, published.id, period)
        if self.exists(aid):
            raise ConflictError(
                f"{unit_code} already has an assessment for {rubric_code} "
                f"v{rubric_version} in {period}: {aid}",
                current_version=None,
            )
        args = {
            "unit": unit_code,
            "rubric": rubric_code,
            "version": rubric_version,
            "period": period,
        }

        def change(stamp: Stamp) -> list[Assessment]:
            return [Assessment.open(stamp, unit.id, published.id, rubric, period)]

        return self.runner.run(command, "open_assessment", args, change)

    # Scoring ----------------------------------------------------------------------------

    def score_item(
        self,
        command: Command,
        aid: UUID,
        number: str,
        layer: Layer,
        entry: ItemEntry,
        reason: str = "",
    ) -> Outcome:
        args = {
            "item": number,
            "layer": layer.value,
            "entry": entry_to_data(entry),
            "reason": reason,
        }
        return self._act(
            command,
            "score_item",
            aid,
            args,
            lambda a, r, s: a.score_item(s, r, number, layer, entry, reason),
        )

    def save_sheet(
        self,
        command: Command,
        aid: UUID,
        layer: Layer,
        entries: Mapping[str, ItemEntry],
        reason: str = "",
    ) -> Outcome:
        args = {
            "layer": layer.value,
            "reason": reason,
            "entries": {n: entry_to_data(e) for n, e in entries.items()},
        }
        return self._act(
            command,
            "save_sheet",
            aid,
            args,
            lambda a, r, s: a.save_sheet(s, r, layer, entries, reason),
        )

    def apply_deduction(
        self,
        command: Command,
        aid: UUID,
        number: str,
        layer: Layer,
        line: str,
        count: int | None,
        amount: Decimal | None,
        reason: str,
    ) -> Outcome:
        args = {
            "item": number,
            "layer": layer.value,
            "line": line,
            "count": count,
            "amount": amount,
            "reason": reason,
        }
        return self._act(
            command,
            "apply_deduction",
            aid,
            args,
            lambda a, r, s: a.apply_deduction(s, r, number, layer, line, count, amount, reason),
        )

    def claim_bonus(
        self,
        command: Command,
        aid: UUID,
        number: str,
        layer: Layer,
        matter: str,
        tier: str,
        reason: str = "",
    ) -> Outcome:
        args = {"item": number, "layer": layer.value, "matter": matter, "tier": tier}
        return self._act(
            command,
            "claim_bonus",
            aid,
            args,
            lambda a, r, s: a.claim_bonus(s, r, number, layer, matter, tier, reason),
        )

    def withdraw_bonus(
        self,
        command: Command,
        aid: UUID,
        number: str,
        layer: Layer,
        matter: str,
        tier: str,
        reason: str,
    ) -> Outcome:
        args = {"item": number, "layer": layer.value, "matter": matter, "tier": tier}
        return self._act(
            command,
            "withdraw_bonus",
            aid,
            args,
            lambda a, r, s: a.withdraw_bonus(s, r, number, layer, matter, tier, reason),
        )

    def raise_veto(
        self, command: Command, aid: UUID, number: str, layer: Layer, condition: str, reason: str
    ) -> Outcome:
        args = {"item": number, "layer": layer.value, "condition": condition}
        return self._act(
            command,
            "raise_veto",
            aid,
            args,
            lambda a, r, s: a.raise_veto(s, r, number, layer, condition, reason),
        )

    def lift_veto(
        self, command: Command, aid: UUID, number: str, layer: Layer, condition: str, reason: str
    ) -> Outcome:
        args = {"item": number, "layer": layer.value, "condition": condition}
        return self._act(
            command,
            "lift_veto",
            aid,
            args,
            lambda a, r, s: a.lift_veto(s, r, number, layer, condition, reason),
        )

    def enter_progress(
        self,
        command: Command,
        aid: UUID,
        number: str,
        layer: Layer,
        progress: str,
        value: Decimal | None = None,
        reason: str = "",
    ) -> Outcome:
        args = {"item": number, "layer": layer.value, "progress": progress, "value": value}
        return self._act(
            command,
            "enter_progress",
            aid,
            args,
            lambda a, r, s: a.enter_progress(s, r, number, layer, progress, value, reason),
        )

    def attach_evidence(
        self, command: Command, aid: UUID, name: str, content: bytes, item: str | None = None
    ) -> Outcome:
        sha256 = hashlib.sha256(content).hexdigest()
        args = {"name": name, "sha256": sha256, "item": item}

        def attach(a: Assessment, r: Rubric, s: Stamp) -> None:
            a.attach_evidence(s, r, name, len(content), sha256, item)
            self.files.put(content)  # only once the sheet takes it: a refusal keeps no file

        return self._act(command, "attach_evidence", aid, args, attach)

    # Workflow ---------------------------------------------------------------------------

    def submit(self, command: Command, aid: UUID) -> Outcome:
        return self._act(command, "submit", aid, {}, lambda a, r, s: a.submit(s, r))

    def return_to_unit(
        self, command: Command, aid: UUID, reason: str, items: Sequence[str]
    ) -> Outcome:
        args = {"reason": reason, "items": list(items)}
        return self._act(
            command, "return", aid, args, lambda a, r, s: a.return_to_unit(s, r, reason, items)
        )

    def approve(self, command: Command, aid: UUID) -> Outcome:
        return self._act(command, "approve", aid, {}, lambda a, r, s: a.approve(s))

    def record_finding(
        self,
        command: Command,
        aid: UUID,
        finding: str,
        items: Sequence[str],
        evidence: Sequence[str],
        note: str,
    ) -> Outcome:
        args = {"finding": finding, "items": list(items), "evidence": list(evidence), "note": note}
        return self._act(
            command,
            "record_finding",
            aid,
            args,
            lambda a, r, s: a.record_finding(s, r, finding, items, evidence, note),
        )

    def finalize(self, command: Command, aid: UUID) -> Outcome:
        return self._act(command, "finalize", aid, {}, lambda a, r, s: a.finalize(s))

    def reopen(self, command: Command, aid: UUID, reason: str) -> Outcome:
        return self._act(
            command, "reopen", aid, {"reason": reason}, lambda a, r, s: a.reopen(s, reason)
        )

    def _act(
        self,
        command: Command,
        name: str,
        aid: UUID,
        args: dict[str, Any],
        action: Callable[[Assessment, Rubric, Stamp], object],
    ) -> Outcome:
        """Load the assessment and its rubric, then run one command on it."""
        a, rubric = self._load(aid)
        arguments = {"id": str(aid), **args}
        return self.runner.update(command, name, arguments, a, lambda s: action(a, rubric, s))

    def _load(self, aid: UUID) -> tuple[Assessment, Rubric]:
        a = self.runner.load(Assessment, aid, f"assessment {aid}")
        return a, self.rubrics.rubric(a.rubric_id)
