"""Queries on assessments: one sheet now, at a version or as of a moment, its history, a file."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from uuid import UUID

from application.authorization import Action, Authorizer, Caller, sheet_target
from application.read_ports import ReadModels, StoredChange
from domain.assessment import Assessment
from domain.rubric import Rubric


class AssessmentQueries:
    """Assessments as callers read them: a grant over the assessed unit's subtree is needed."""

    def __init__(self, auth: Authorizer, models: ReadModels) -> None:
        self.auth = auth
        self.models = models

    def sheet(self, caller: Caller, aid: UUID, as_of: datetime | None = None) -> Assessment:
        """The assessment now, or as it stood at `as_of`. Access is decided on the unit it
        assesses now, so an old version cannot be read by someone refused the current one."""
        read = self.models.assessments()
        current = read.assessment(aid)
        self.auth.actor(caller, Action.READ_ASSESSMENTS, sheet_target(current))
        return current if as_of is None else read.assessment(aid, as_of=as_of)

    def exists(self, aid: UUID) -> bool:
        """Whether the assessment was opened (what it holds is read with `sheet`)."""
        return self.models.assessments().exists(aid)

    def saved(self, aid: UUID, version: int) -> Assessment:
        """The assessment as a command the caller just ran left it (the command authorized it)."""
        return self.models.assessments().assessment(aid, version=version)

    def rubric_of(self, assessment: Assessment) -> Rubric:
        """The rubric of a sheet already read; published rubrics hold nothing secret."""
        return self.models.assessments().rubric_of(assessment)

    def history(self, caller: Caller, aid: UUID) -> Sequence[StoredChange]:
        """Every event of the assessment as stored, oldest first."""
        self.sheet(caller, aid)
        return self.models.log().history(aid)

    def evidence(self, caller: Caller, aid: UUID, sha256: str) -> tuple[str, bytes] | None:
        """The name and content of a file attached to the assessment (None: not attached)."""
        sheet = self.sheet(caller, aid)
        found = next((e for e in sheet.evidence if e.sha256 == sha256.lower()), None)
        if found is None:
            return None
        content = self.models.assessments().evidence_file(found.sha256)
        return None if content is None else (found.name, content)
