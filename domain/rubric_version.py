"""A published rubric version: immutable once published, pinned by assessments."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from domain.audit import AuditedAggregate, Stamp, require_reason
from domain.errors import DomainError
from domain.ids import rubric_version_id
from domain.rubric import Rubric
from domain.rubric_definition import rubric_from_definition
from domain.rubric_json import content_hash


class RubricVersion(AuditedAggregate):
    """A rubric version identified by code + version + content hash. Invariants: its
    definition never changes after publishing; a retired version opens no new assessments."""

    class Published(AuditedAggregate.Created):
        code: str
        version: int
        title: str
        content_hash: str
        definition: dict[str, Any]

        def apply(self, aggregate: Any) -> None:
            super().apply(aggregate)
            aggregate.code = self.code
            aggregate.number = self.version
            aggregate.title = self.title
            aggregate.content_hash = self.content_hash
            aggregate.definition = self.definition
            aggregate.retired = False

    class Retired(AuditedAggregate.Event):
        def apply(self, aggregate: Any) -> None:
            super().apply(aggregate)
            aggregate.retired = True

    code: str
    number: int
    title: str
    content_hash: str
    definition: dict[str, Any]
    retired: bool

    def __init__(self) -> None:
        """State comes from the events' apply methods."""

    @classmethod
    def publish(cls, stamp: Stamp, definition: Mapping[str, Any]) -> RubricVersion:
        """Publish a definition; it is checked whole (RubricDefinitionError) before anything."""
        rubric = rubric_from_definition(definition, "published definition")
        return cls._start(
            cls.Published,
            rubric_version_id(rubric.code, rubric.version),
            stamp,
            code=rubric.code,
            version=rubric.version,
            title=rubric.title,
            content_hash=content_hash(rubric),
            definition=dict(definition),
        )

    def rubric(self) -> Rubric:
        return rubric_from_definition(self.definition, f"{self.code} v{self.number}")

    def retire(self, stamp: Stamp, reason: str) -> None:
        if self.retired:
            raise DomainError(f"rubric {self.code} v{self.number} is already retired")
        self._emit(self.Retired, stamp, require_reason(reason, "retire a rubric version"))
