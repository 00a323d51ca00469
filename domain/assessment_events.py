"""The events of an assessment, each applying itself to the assessment's state.

An entry change (version 2) records `counted`: what counted for the item at its layer just
before, the entry of the highest layer present up to the changed one, with that layer, as
`{"layer": …, "entry": …}` (None: no layer held an entry). So a reviewer's first change to an
item records the self score it overrode. Changes stored as version 1 did not record it; read
back, they carry NOT_RECORDED, and a reader that needs the value derives it from the sheet's
history before the change (the audit trail folds it as it goes)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from types import MappingProxyType
from typing import Any, Final
from uuid import UUID

from domain.audit import AuditedAggregate
from domain.evidence import Evidence, Finding
from domain.workflow import Layer, Status

NOT_RECORDED: Final[Mapping[str, Any]] = MappingProxyType({"recorded": False})
"""`counted` of a change stored before version 2, which did not record it."""


class EntryChanged(AuditedAggregate.Event):
    """An item's entry in one layer changed; `previous` is the layer's own entry it replaced
    (None if new), `counted` what counted for the item up to that layer just before."""

    class_version = 2

    item: str
    layer: str
    entry: dict[str, Any]
    previous: dict[str, Any] | None
    counted: dict[str, Any] | None

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        # Only the layer's own previous entry was stored; what counted below it was not.
        state["counted"] = dict(NOT_RECORDED)

    def apply(self, aggregate: Any) -> None:
        super().apply(aggregate)
        aggregate.layers[self.layer][self.item] = self.entry
        aggregate.item_versions[self.layer][self.item] = self.originator_version
        aggregate.changed_by = self.actor_id
        aggregate.scored_by[self.layer][self.item] = self.actor_id


class AssessmentEvents(AuditedAggregate):
    """The event classes of Assessment, kept apart from its commands."""

    class Opened(AuditedAggregate.Created):
        unit_id: UUID
        rubric_id: UUID
        rubric_code: str
        rubric_version: int
        rubric_hash: str
        period: str

        def apply(self, aggregate: Any) -> None:
            super().apply(aggregate)
            aggregate.unit_id = self.unit_id
            aggregate.rubric_id = self.rubric_id
            aggregate.rubric_code = self.rubric_code
            aggregate.rubric_version = self.rubric_version
            aggregate.rubric_hash = self.rubric_hash
            aggregate.period = self.period
            aggregate.status = Status.DRAFT
            aggregate.layers = {layer.value: {} for layer in Layer}
            aggregate.item_versions = {layer.value: {} for layer in Layer}
            aggregate.evidence = []
            aggregate.findings = []
            aggregate.submitted_by = None
            aggregate.first_submitted_at = None
            aggregate.first_reviewed_at = None
            aggregate.finalized_by_role = None
            aggregate.returned_items = []
            aggregate.changed_by = self.actor_id
            aggregate.opened_by = self.actor_id
            aggregate.scored_by = {layer.value: {} for layer in Layer}
            aggregate.assigned = {}
            aggregate.extended_to = None

    class ItemScored(EntryChanged):
        pass

    class ScoredFromFile(EntryChanged):
        """An item's entry set by a sheet file saved whole: every change of one upload
        names the file (its name and SHA-256) and is saved in the same transaction."""

        file_name: str
        sha256: str

    class DeductionApplied(EntryChanged):
        line: str

    class BonusClaimed(EntryChanged):
        matter: str
        tier: str

    class BonusWithdrawn(EntryChanged):
        """One claim withdrawn; `tier` names it (None: stored before version 2, when a matter
        held one claim per entry and a withdrawal removed it whatever its tier)."""

        matter: str
        tier: str | None

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            EntryChanged.upcast_v1_v2(state)
            state["tier"] = None

    class VetoRaised(EntryChanged):
        condition: str

    class VetoLifted(EntryChanged):
        condition: str

    class ProgressEntered(EntryChanged):
        pass

    class EvidenceAttached(AuditedAggregate.Event):
        item: str | None
        name: str
        size: int
        sha256: str

        def apply(self, aggregate: Any) -> None:
            super().apply(aggregate)
            aggregate.evidence.append(Evidence(self.item, self.name, self.size, self.sha256))

    class Submitted(AuditedAggregate.Event):
        def apply(self, aggregate: Any) -> None:
            super().apply(aggregate)
            aggregate.status = Status.SUBMITTED
            aggregate.submitted_by = self.actor_id
            if aggregate.first_submitted_at is None:  # timeliness is the first hand-up's
                aggregate.first_submitted_at = self.timestamp

    class Returned(AuditedAggregate.Event):
        items: list[str]

        def apply(self, aggregate: Any) -> None:
            super().apply(aggregate)
            aggregate.status = Status.RETURNED
            aggregate.returned_items = list(self.items)
            if aggregate.first_reviewed_at is None:
                aggregate.first_reviewed_at = self.timestamp

    class Approved(AuditedAggregate.Event):
        def apply(self, aggregate: Any) -> None:
            super().apply(aggregate)
            aggregate.status = Status.APPROVED
            if aggregate.first_reviewed_at is None:
                aggregate.first_reviewed_at = self.timestamp

    class FindingRecorded(AuditedAggregate.Event):
        finding: str
        items: list[str]
        evidence: list[str]

        def apply(self, aggregate: Any) -> None:
            super().apply(aggregate)
            aggregate.findings.append(
                Finding(
                    *(self.finding, tuple(self.items), tuple(self.evidence)),
                    *(self.reason, self.actor_id),
                )
            )

    class SectionsAssigned(AuditedAggregate.Event):
        """The leader (组长) gave these top sections of the rubric to one inspector of the
        group, named as the account was called when assigned; a section given before moves."""

        inspector_id: str
        inspector_name: str
        sections: list[str]

        def apply(self, aggregate: Any) -> None:
            super().apply(aggregate)
            for section in self.sections:
                aggregate.assigned[section] = (self.inspector_id, self.inspector_name)

    class WindowExtended(AuditedAggregate.Event):
        """The opening body extended this sheet's window (延长期限) to a later last day, in
        China's time (ISO, like 2023-09-22), for the stated reason."""

        until: str

        def apply(self, aggregate: Any) -> None:
            super().apply(aggregate)
            aggregate.extended_to = date.fromisoformat(self.until)

    class Finalized(AuditedAggregate.Event):
        def apply(self, aggregate: Any) -> None:
            super().apply(aggregate)
            aggregate.status = Status.FINALIZED
            aggregate.finalized_by_role = self.actor_role

    class Reopened(AuditedAggregate.Event):
        def apply(self, aggregate: Any) -> None:
            super().apply(aggregate)
            aggregate.status = Status.SUBMITTED

    unit_id: UUID
    rubric_id: UUID
    rubric_code: str
    rubric_version: int
    rubric_hash: str
    period: str
    status: Status
    layers: dict[str, dict[str, dict[str, Any]]]
    item_versions: dict[str, dict[str, int]]
    """Per layer, per item: the sheet's version at which the item's entry last changed."""
    evidence: list[Evidence]
    findings: list[Finding]
    submitted_by: str | None
    first_submitted_at: datetime | None
    first_reviewed_at: datetime | None
    finalized_by_role: str | None
    returned_items: list[str]
    changed_by: str
    opened_by: str
    """Who opened the sheet: on an inspection, the group's leader (组长)."""
    scored_by: dict[str, dict[str, str]]
    """Per layer, per item: who last changed the item's entry."""
    assigned: dict[str, tuple[str, str]]
    """Per top section assigned: the inspector's account id and name."""
    extended_to: date | None
    """The window's last day as extended (None: as the rubric declares)."""

    def __init__(self) -> None:
        """State comes from the events' apply methods."""
