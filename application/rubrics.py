"""Published rubric versions, read and parsed once (publishing and retiring are commands)."""

from __future__ import annotations

from uuid import UUID

from application.runner import StoredAggregates
from domain.ids import rubric_version_id
from domain.rubric import Rubric
from domain.rubric_version import RubricVersion


class RubricService:
    """Published rubric versions; an immutable version is parsed once and cached."""

    def __init__(self, runner: StoredAggregates) -> None:
        self.runner = runner
        self._parsed: dict[UUID, Rubric] = {}

    def get_version(self, rid: UUID) -> RubricVersion:
        return self.runner.load(RubricVersion, rid, f"rubric version {rid}")

    def find(self, code: str, version: int) -> RubricVersion:
        return self.runner.load(
            RubricVersion, rubric_version_id(code, version), f"rubric {code} v{version}"
        )

    def rubric(self, rid: UUID) -> Rubric:
        """The rubric of a published version; parsed once, as a version never changes."""
        if rid not in self._parsed:
            self._parsed[rid] = self.get_version(rid).rubric()
        return self._parsed[rid]
