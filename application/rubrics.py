"""Use cases for rubric versions: publish once, read (cached), retire."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from uuid import UUID

from application.errors import ConflictError
from application.runner import Command, CommandRunner, Outcome
from domain.audit import Stamp
from domain.ids import rubric_version_id
from domain.rubric import Rubric
from domain.rubric_definition import rubric_from_definition
from domain.rubric_json import content_hash
from domain.rubric_version import RubricVersion


class RubricService:
    """Published rubric versions; an immutable version is parsed once and cached."""

    def __init__(self, runner: CommandRunner) -> None:
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

    def publish(self, command: Command, definition: Mapping[str, Any]) -> Outcome:
        """Publish a definition. The same content again returns the published version; other
        content under a published code and version is refused."""
        rubric = rubric_from_definition(definition, "the published definition")
        digest = content_hash(rubric)
        rid = rubric_version_id(rubric.code, rubric.version)
        existing = self.runner.find(RubricVersion, rid)
        if existing is not None:
            if existing.content_hash == digest:
                # Already published: its events are at most at the end of the log.
                return Outcome(rid, existing.version, self.runner.store.history.max_position())
            raise ConflictError(
                f"{rubric.code} v{rubric.version} is already published with other content "
                f"(hash {existing.content_hash[:12]}…); publish the change as a new version"
            )

        def change(stamp: Stamp) -> list[RubricVersion]:
            return [RubricVersion.publish(stamp, definition)]

        args = {"code": rubric.code, "version": rubric.version, "hash": digest}
        return self.runner.run(command, "publish_rubric", args, change)

    def retire(self, command: Command, code: str, version: int, reason: str) -> Outcome:
        published = self.find(code, version)
        args = {"code": code, "version": version, "reason": reason}
        return self.runner.update(
            command, "retire_rubric", args, published, lambda s: published.retire(s, reason)
        )
