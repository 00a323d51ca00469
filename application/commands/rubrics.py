"""The rubric commands: publish a definition as a version, retire a version."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar
from uuid import UUID

from application.authorization import Action, Target
from application.commands.base import Command
from domain.audit import AuditedAggregate
from domain.ids import rubric_version_id
from domain.rubric_version import RubricVersion


@dataclass(frozen=True, kw_only=True)
class PublishRubric(Command):
    """Publish a definition; the same content again answers the published version."""

    step = Action.PUBLISH_RUBRICS
    name = "publish_rubric"
    definition: Mapping[str, Any]

    def targets(self, subject: AuditedAggregate | None) -> list[Target]:
        known = self.definition if isinstance(self.definition, Mapping) else {}
        return [Target(f"rubric:{known.get('code')}:v{known.get('version')}")]


@dataclass(frozen=True, kw_only=True)
class RetireRubric(Command):
    """Retire a version: no new assessments are opened against it."""

    step = Action.PUBLISH_RUBRICS
    name = "retire_rubric"
    subject_type: ClassVar[type[AuditedAggregate] | None] = RubricVersion
    code: str
    version: int
    reason: str

    def subject_id(self) -> UUID | None:
        return rubric_version_id(self.code, self.version)

    def targets(self, subject: AuditedAggregate | None) -> list[Target]:
        return [Target(f"rubric:{self.code}:v{self.version}")]
