"""Queries on rubrics: the published versions and one version, for anyone who reads rubrics."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from application.authorization import Action, Authorizer, Caller, Target
from application.read_ports import ReadModels
from domain.ids import rubric_version_id
from domain.rubric import Rubric
from domain.rubric_version import RubricVersion


@dataclass(frozen=True)
class PublishedRubric:
    """A published version's rubric and whether it was retired."""

    rubric: Rubric
    retired: bool


class RubricQueries:
    """Rubric versions as callers read them."""

    def __init__(self, auth: Authorizer, models: ReadModels) -> None:
        self.auth = auth
        self.models = models

    def require_reading(self, caller: Caller) -> None:
        """Refused (and recorded) unless the caller may read rubrics at all."""
        self.auth.actor(caller, Action.READ_RUBRICS, Target("rubrics"))

    def published(self, caller: Caller) -> list[Rubric]:
        """Every published version, by code and version."""
        self.require_reading(caller)
        found = self.models.rubrics().published()
        return sorted(found, key=lambda r: (r.code, r.version))

    def with_retired(self, caller: Caller) -> list[PublishedRubric]:
        """Every published version, by code and version, saying which were retired."""
        read = self.models.rubrics()
        return [
            PublishedRubric(r, read.by_code(r.code, r.version).retired)
            for r in self.published(caller)
        ]

    def version(self, caller: Caller, code: str, version: int) -> RubricVersion:
        self.auth.actor(caller, Action.READ_RUBRICS, Target(f"rubric:{code}:v{version}"))
        return self.models.rubrics().by_code(code, version)

    def published_as(self, rubric: Rubric) -> RubricVersion | None:
        """The version published under a rubric's code and number, if any (whether a file
        about to be published repeats or clashes with one)."""
        return self.models.rubrics().find(rubric_version_id(rubric.code, rubric.version))

    def title(self, code: str, version: int) -> str:
        """The title of a version a sheet or event the caller already read names (its code
        when no such version was published)."""
        found = self.models.rubrics().find(rubric_version_id(code, version))
        return found.title if found else code

    def saved(self, rid: UUID, version: int | None = None) -> RubricVersion:
        """A version as a command the caller just ran left it (the command authorized it)."""
        return self.models.rubrics().version(rid, version)

    def rubric_named(self, code: str, version: int) -> Rubric | None:
        """The rubric of a published version, to open sheets on (None: not published)."""
        found = self.models.rubrics().find(rubric_version_id(code, version))
        return None if found is None else self.rubric_of(found)

    def rubric_of(self, published: RubricVersion) -> Rubric:
        """The rubric of a version already read."""
        return self.models.rubrics().rubric(published.id)
