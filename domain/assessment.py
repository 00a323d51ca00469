"""The assessment: one unit scored against one rubric version for one period."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any
from uuid import UUID

from domain.account import outranks
from domain.assessment_events import AssessmentEvents, EntryChanged
from domain.audit import Stamp, require_reason
from domain.deadlines import Window, check_extension, extended, window_of
from domain.entries import Claim, ItemEntry, entry_problems
from domain.entry_data import entry_from_data, entry_to_data
from domain.errors import DomainError, FieldError, ScoringInputError
from domain.evidence import FINDINGS
from domain.ids import assessment_id
from domain.inspection_team import (
    check_assigned,
    check_leader,
    check_not_sole_scorer,
    check_sections,
)
from domain.layers import counted_before, counting_entries, counting_entry
from domain.rubric import Rubric
from domain.rubric_json import content_hash
from domain.rubric_workflow import Approval, workflow_of
from domain.rules import Kind
from domain.scoring import Scorecard, score
from domain.steps import Action
from domain.workflow import Layer, Status, check_layer, check_period, check_step

REASON_ALWAYS = (Kind.DEDUCTION, Kind.VETO)


@dataclass(frozen=True)
class ItemChange:
    """An item's entry in one layer changed at this version of its sheet."""

    number: str
    layer: Layer
    version: int

    def to_data(self) -> dict[str, Any]:
        return {"item": self.number, "layer": self.layer.value, "version": self.version}


class Assessment(AssessmentEvents):
    """A scoring sheet and its workflow. Invariants: the self, review and verification layers
    are kept apart and each is open only in its status; a change to anything submitted needs a
    reason; nobody approves what they submitted (nor, where the rubric says so, what they
    scored alone in the review layer); once its leader assigns sections, an inspector changes
    the review layer only in their own; nothing changes once finalized; the rubric version it
    was opened against (code, version, content hash) never changes."""

    def __init__(self) -> None:
        """State comes from the events' apply methods."""

    @classmethod
    def open(
        cls, stamp: Stamp, unit_id: UUID, rubric_id: UUID, rubric: Rubric, period: str
    ) -> Assessment:
        return cls._start(
            cls.Opened,
            assessment_id(unit_id, rubric_id, period),
            stamp,
            unit_id=unit_id,
            rubric_id=rubric_id,
            rubric_code=rubric.code,
            rubric_version=rubric.version,
            rubric_hash=content_hash(rubric),
            period=check_period(period, rubric.period),
        )

    # Scores -----------------------------------------------------------------------------

    def score_item(
        self,
        stamp: Stamp,
        rubric: Rubric,
        number: str,
        layer: Layer,
        entry: ItemEntry,
        reason: str = "",
    ) -> None:
        """Set one item's entry in one layer (a score, a rate, counts, claims …)."""
        self._change(self.ItemScored, stamp, rubric, number, layer, entry, reason)

    def save_sheet(
        self,
        stamp: Stamp,
        rubric: Rubric,
        layer: Layer,
        entries: Mapping[str, ItemEntry],
        reason: str = "",
    ) -> None:
        """Save many items at once: all are checked first, so either all change or none."""
        self._save_all(self.ItemScored, stamp, rubric, layer, entries, reason)

    def save_sheet_file(
        self,
        stamp: Stamp,
        rubric: Rubric,
        layer: Layer,
        entries: Mapping[str, ItemEntry],
        file_name: str,
        sha256: str,
        reason: str = "",
    ) -> None:
        """Save the items a sheet file sets, all or none; each change names the file."""
        if not file_name.strip() or len(sha256) != 64:
            raise DomainError("a sheet file needs a file name and a SHA-256 hex digest")
        extra = {"file_name": file_name.strip(), "sha256": sha256.lower()}
        self._save_all(self.ScoredFromFile, stamp, rubric, layer, entries, reason, **extra)

    def _save_all(
        self,
        event_class: type[EntryChanged],
        stamp: Stamp,
        rubric: Rubric,
        layer: Layer,
        entries: Mapping[str, ItemEntry],
        reason: str,
        **extra: Any,
    ) -> None:
        items = sum(1 for _ in rubric.items())
        if len(entries) > items:  # refused whole, before checking each entry
            raise ScoringInputError(
                [f"sheet: {len(entries)} entries, but the rubric has {items} items; one each"]
            )
        problems = [p for n, e in entries.items() for p in self._entry_problems(rubric, n, e)]
        if problems:
            raise ScoringInputError(problems)
        check_assigned(self.assigned, rubric, layer, stamp.actor_id, entries)
        for number, entry in entries.items():
            self._change(
                event_class, stamp, rubric, number, layer, entry, reason, checked=True, **extra
            )

    def apply_deduction(
        self,
        stamp: Stamp,
        rubric: Rubric,
        number: str,
        layer: Layer,
        line: str,
        count: int | None,
        amount: Any,
        reason: str,
    ) -> None:
        current = self._starting_entry(layer, number)
        counts, amounts = dict(current.counts), dict(current.amounts)
        if count is not None:
            counts[line] = count
        if amount is not None:
            amounts[line] = amount
        entry = replace(current, counts=counts, amounts=amounts)
        self._change(self.DeductionApplied, stamp, rubric, number, layer, entry, reason, line=line)

    def claim_bonus(
        self,
        stamp: Stamp,
        rubric: Rubric,
        number: str,
        layer: Layer,
        matter: str,
        tier: str,
        reason: str = "",
    ) -> None:
        """Add a claim; every claim is kept, and scoring counts a matter's highest tier only
        ("同一事项只计最高加分"), so a lower claim never takes a higher one's place."""
        current = self._starting_entry(layer, number)
        claim = Claim(matter, tier)
        claims = current.claims if claim in current.claims else (*current.claims, claim)
        entry = replace(current, claims=claims)
        self._change(
            self.BonusClaimed, stamp, rubric, number, layer, entry, reason, matter=matter, tier=tier
        )

    def withdraw_bonus(
        self,
        stamp: Stamp,
        rubric: Rubric,
        number: str,
        layer: Layer,
        matter: str,
        tier: str,
        reason: str,
    ) -> None:
        """Remove one claim, named by matter and tier, for a stated reason."""
        reason = require_reason(reason, f"withdraw a bonus claim on item {number}")
        current = self._starting_entry(layer, number)
        kept = tuple(c for c in current.claims if (c.matter, c.tier) != (matter, tier))
        if len(kept) == len(current.claims):
            held = ", ".join(f"{c.matter!r} at {c.tier}" for c in current.claims) or "none"
            raise DomainError(
                f"item {number} has no {layer.value} claim for matter {matter!r} at tier "
                f"{tier!r}; its claims: {held}"
            )
        entry = replace(current, claims=kept)
        self._change(
            self.BonusWithdrawn,
            stamp,
            rubric,
            number,
            layer,
            entry,
            reason,
            matter=matter,
            tier=tier,
        )

    def raise_veto(
        self,
        stamp: Stamp,
        rubric: Rubric,
        number: str,
        layer: Layer,
        condition: str,
        reason: str,
        name: str | None = None,
    ) -> None:
        """Raise a veto condition; `name`: the name the rubric declares it raised under for a
        falsification finding (recorded with it), and no other."""
        current = self._starting_entry(layer, number)
        named = dict(current.named)
        if name is not None:
            check_named_veto(rubric, number, condition, name)
            named[condition] = name
        entry = replace(current, raised=current.raised | {condition}, named=named)
        self._change(
            self.VetoRaised, stamp, rubric, number, layer, entry, reason, condition=condition
        )

    def lift_veto(
        self,
        stamp: Stamp,
        rubric: Rubric,
        number: str,
        layer: Layer,
        condition: str,
        reason: str,
    ) -> None:
        current = self._starting_entry(layer, number)
        if condition not in current.raised:
            raise DomainError(
                f"veto condition {condition} of item {number} is not raised in "
                f"the {layer.value} layer"
            )
        named = {c: n for c, n in current.named.items() if c != condition}
        entry = replace(current, raised=current.raised - {condition}, named=named)
        self._change(
            self.VetoLifted, stamp, rubric, number, layer, entry, reason, condition=condition
        )

    def enter_progress(
        self,
        stamp: Stamp,
        rubric: Rubric,
        number: str,
        layer: Layer,
        progress: str,
        value: Any = None,
        reason: str = "",
    ) -> None:
        if not progress.strip():
            raise DomainError(f"item {number}: progress (完成进度情况) cannot be empty")
        current = self._starting_entry(layer, number)
        entry = replace(current, progress=progress.strip(), value=value)
        self._change(self.ProgressEntered, stamp, rubric, number, layer, entry, reason)

    def attach_evidence(
        self,
        stamp: Stamp,
        rubric: Rubric,
        name: str,
        size: int,
        sha256: str,
        item: str | None = None,
    ) -> None:
        check_step(self.status, Action.ATTACH_EVIDENCE)
        if not name.strip() or size < 0 or len(sha256) != 64:
            raise DomainError("evidence needs a file name, a size and a SHA-256 hex digest")
        self._check_items(rubric, [] if item is None else [item], "attach evidence", "item")
        self._emit(
            self.EvidenceAttached,
            stamp,
            item=item,
            name=name.strip(),
            size=size,
            sha256=sha256.lower(),
        )

    # Workflow ---------------------------------------------------------------------------

    def submit(self, stamp: Stamp, rubric: Rubric) -> None:
        check_step(self.status, Action.SUBMIT)
        unscored = self.scorecard(rubric, Layer.SELF).unscored
        if unscored:
            raise DomainError(f"cannot submit: items {', '.join(unscored)} are not scored yet")
        self._emit(self.Submitted, stamp)

    def return_to_unit(
        self, stamp: Stamp, rubric: Rubric, reason: str, items: Sequence[str]
    ) -> None:
        check_step(self.status, Action.RETURN)
        self._check_items(rubric, items, "return the sheet", "items")
        self._emit(
            self.Returned, stamp, require_reason(reason, "return an assessment"), items=list(items)
        )

    def approve(self, stamp: Stamp, rubric: Rubric | None = None) -> None:
        """Approve; where the rubric's workflow says so (`approval: not_sole_scorer`), not by
        whoever scored the review layer alone."""
        check_step(self.status, Action.APPROVE)
        if stamp.actor_id == self.submitted_by:
            raise DomainError("cannot approve an assessment you submitted yourself")
        if rubric is not None and workflow_of(rubric).approval is Approval.NOT_SOLE_SCORER:
            check_not_sole_scorer(self.scored_by[Layer.REVIEW.value], stamp.actor_id)
        self._emit(self.Approved, stamp)

    # The inspection team and the window -------------------------------------------------

    def assign_sections(
        self,
        stamp: Stamp,
        rubric: Rubric,
        inspector_id: str,
        inspector_name: str,
        sections: Sequence[str],
    ) -> None:
        """The leader gives top sections to one inspector of the group."""
        check_step(self.status, Action.ASSIGN_SECTIONS)
        self._check_rubric(rubric)
        check_leader(self.opened_by, stamp.actor_id)
        check_sections(rubric, sections)
        if all(self.assigned.get(s, ("",))[0] == inspector_id for s in sections):
            return  # already theirs: nothing changes
        self._emit(
            self.SectionsAssigned,
            stamp,
            inspector_id=inspector_id,
            inspector_name=inspector_name,
            sections=list(sections),
        )

    def extend_window(self, stamp: Stamp, window: Window | None, until: date, reason: str) -> None:
        """Move the last day the self layer takes changes to a later day (延长期限)."""
        check_step(self.status, Action.EXTEND_WINDOW)
        reason = require_reason(reason, "extend the window")
        check_extension(window, until)
        self._emit(self.WindowExtended, stamp, reason, until=until.isoformat())

    def window(self, rubric: Rubric) -> Window | None:
        """The period's window for this sheet, with its extension if any."""
        return extended(window_of(rubric, self.period), self.extended_to)

    def record_finding(
        self,
        stamp: Stamp,
        rubric: Rubric,
        finding: str,
        items: Sequence[str],
        evidence: Sequence[str],
        note: str,
    ) -> None:
        check_step(self.status, Action.RECORD_FINDING)
        if finding not in FINDINGS:
            raise DomainError(f"finding {finding!r} is unknown; allowed: {', '.join(FINDINGS)}")
        self._check_items(rubric, items, "record the finding", "items")
        known = {e.sha256 for e in self.evidence}
        missing = [h for h in evidence if h not in known]
        if missing:
            raise DomainError(f"evidence {', '.join(missing)} is not attached to this assessment")
        if finding == "falsification" and not (items and evidence):
            raise DomainError("a falsification finding must name the items and the evidence")
        self._emit(
            self.FindingRecorded,
            stamp,
            require_reason(note, "record a finding"),
            finding=finding,
            items=list(items),
            evidence=list(evidence),
        )

    def finalize(self, stamp: Stamp) -> None:
        check_step(self.status, Action.FINALIZE)
        self._emit(self.Finalized, stamp)

    def reopen(self, stamp: Stamp, reason: str) -> None:
        check_step(self.status, Action.REOPEN)
        locker = self.finalized_by_role
        if self.status is Status.FINALIZED and locker and not outranks(stamp.role, locker):
            raise DomainError(
                f"only a level above the one that finalized it ({locker}) can "
                f"reopen this assessment; you act as {stamp.role}"
            )
        self._emit(self.Reopened, stamp, require_reason(reason, "reopen an assessment"))

    # Reading ----------------------------------------------------------------------------

    def entry(self, layer: Layer, number: str) -> ItemEntry:
        return entry_from_data(self.layers[layer.value].get(number, {}))

    def item_version(self, layer: Layer, number: str) -> int:
        """The sheet's version at which the item last changed in the layer (1: never since
        the sheet was opened)."""
        return self.item_versions[layer.value].get(number, 1)

    def items_changed_after(
        self, version: int, layer: Layer, numbers: Iterable[str]
    ) -> list[ItemChange]:
        """Which of these items changed in the layer after `version`, oldest change first."""
        found = [ItemChange(n, layer, self.item_version(layer, n)) for n in dict.fromkeys(numbers)]
        return sorted((c for c in found if c.version > version), key=lambda c: c.version)

    def effective_entries(self, top: Layer = Layer.VERIFICATION) -> dict[str, ItemEntry]:
        """Per item, the entry of the highest layer present, up to `top`."""
        return {n: entry_from_data(d) for n, d in counting_entries(self.layers, top).items()}

    def scorecard(self, rubric: Rubric, top: Layer = Layer.VERIFICATION) -> Scorecard:
        self._check_rubric(rubric)
        return score(rubric, self.effective_entries(top))

    # Internals --------------------------------------------------------------------------

    def _change(
        self,
        event_class: type[EntryChanged],
        stamp: Stamp,
        rubric: Rubric,
        number: str,
        layer: Layer,
        entry: ItemEntry,
        reason: str,
        checked: bool = False,
        **extra: Any,
    ) -> None:
        check_layer(self.status, layer)
        problems = [] if checked else self._entry_problems(rubric, number, entry)
        if problems:
            raise ScoringInputError(problems)
        check_assigned(self.assigned, rubric, layer, stamp.actor_id, [number])
        item = rubric.item(number)
        assert item is not None
        needs_reason = layer is not Layer.SELF or item.kind in REASON_ALWAYS
        if needs_reason:
            reason = require_reason(reason, f"change item {number} in the {layer.value} layer")
        data = entry_to_data(entry)
        previous = self.layers[layer.value].get(number)
        counted = counted_before(self.layers, number, layer)
        # An empty entry where the layer has none changes nothing, unless it overrides what
        # a lower layer holds (a veto lifted above the layer that raised it).
        if data == previous or (previous is None and not data and counted is None):
            return
        self._emit(
            event_class,
            stamp,
            reason,
            item=number,
            layer=layer.value,
            entry=data,
            previous=previous,
            counted=counted,
            **extra,
        )

    def _starting_entry(self, layer: Layer, number: str) -> ItemEntry:
        """What a change of one part of an entry (a deduction line, a claim, a veto condition,
        progress) starts from: the item's entry in the layer, else the one that counts below
        it, so a higher layer never drops what a lower one recorded on the item."""
        return entry_from_data(counting_entry(self.layers, number, layer) or {})

    def _entry_problems(self, rubric: Rubric, number: str, entry: ItemEntry) -> list[str]:
        self._check_rubric(rubric)
        item = rubric.item(number)
        if item is None:
            return [f"item {number}: no such item in {rubric.code} v{rubric.version}"]
        return entry_problems(item, entry)

    def _check_items(self, rubric: Rubric, numbers: Sequence[str], action: str, field: str) -> None:
        """Item numbers that come in must be items of the sheet's rubric."""
        self._check_rubric(rubric)
        unknown = [n for n in numbers if rubric.item(n) is None]
        if unknown:
            known = ", ".join(i.number for i in rubric.items())
            raise FieldError(
                field,
                f"cannot {action}: no item {', '.join(map(repr, unknown))} in {rubric.code} "
                f"v{rubric.version}; its items are {known}",
                f"评分表 {rubric.code} 第 {rubric.version} 版没有第 {'、'.join(unknown)} 项；"
                f"可填的项为 {known}。",
            )

    def _check_rubric(self, rubric: Rubric) -> None:
        if (rubric.code, rubric.version) != (self.rubric_code, self.rubric_version):
            raise DomainError(
                f"this assessment is pinned to {self.rubric_code} "
                f"v{self.rubric_version}, not {rubric.code} v{rubric.version}"
            )


def check_named_veto(rubric: Rubric, number: str, condition: str, name: str) -> None:
    """A veto is raised under a name only where the rubric declares that name for it."""
    declared = rubric.falsification
    if declared is None or (declared.item, declared.condition, declared.name) != (
        number,
        condition,
        name,
    ):
        raise DomainError(
            f"{rubric.code} v{rubric.version} declares no veto of item {number} condition "
            f"{condition} named {name!r}"
        )
