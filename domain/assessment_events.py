"""The events of an assessment, each applying itself to the assessment's state."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from domain.audit import AuditedAggregate
from domain.workflow import Layer, Status


class EntryChanged(AuditedAggregate.Event):
    """An item's entry in one layer changed; `previous` is what it replaced (None if new)."""

    item: str
    layer: str
    entry: dict[str, Any]
    previous: dict[str, Any] | None

    def apply(self, aggregate: Any) -> None:
        super().apply(aggregate)
        aggregate.layers[self.layer][self.item] = self.entry
        aggregate.changed_by = self.actor_id


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
            aggregate.evidence = []
            aggregate.findings = []
            aggregate.submitted_by = None
            aggregate.finalized_by_role = None
            aggregate.returned_items = []
            aggregate.changed_by = self.actor_id

    class ItemScored(EntryChanged):
        pass

    class DeductionApplied(EntryChanged):
        line: str

    class BonusClaimed(EntryChanged):
        matter: str
        tier: str

    class BonusWithdrawn(EntryChanged):
        matter: str

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
            aggregate.evidence.append(
                {"item": self.item, "name": self.name, "size": self.size, "sha256": self.sha256}
            )

    class Submitted(AuditedAggregate.Event):
        def apply(self, aggregate: Any) -> None:
            super().apply(aggregate)
            aggregate.status = Status.SUBMITTED
            aggregate.submitted_by = self.actor_id

    class Returned(AuditedAggregate.Event):
        items: list[str]

        def apply(self, aggregate: Any) -> None:
            super().apply(aggregate)
            aggregate.status = Status.RETURNED
            aggregate.returned_items = list(self.items)

    class Approved(AuditedAggregate.Event):
        def apply(self, aggregate: Any) -> None:
            super().apply(aggregate)
            aggregate.status = Status.APPROVED

    class FindingRecorded(AuditedAggregate.Event):
        finding: str
        items: list[str]
        evidence: list[str]

        def apply(self, aggregate: Any) -> None:
            super().apply(aggregate)
            aggregate.findings.append(
                {
                    "finding": self.finding,
                    "items": self.items,
                    "evidence": self.evidence,
                    "note": self.reason,
                    "by": self.actor_id,
                }
            )

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
    evidence: list[dict[str, Any]]
    findings: list[dict[str, Any]]
    submitted_by: str | None
    finalized_by_role: str | None
    returned_items: list[str]
    changed_by: str

    def __init__(self) -> None:
        """State comes from the events' apply methods."""
