"""Assessments read now, at a version or as of a moment (their changes are commands)."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from application.ports import EvidenceFiles
from application.rubrics import RubricService
from application.runner import StoredAggregates
from domain.assessment import Assessment
from domain.rubric import Rubric


class AssessmentService:
    """Assessments as stored: any past version or moment can be read, and the evidence
    files attached to them."""

    def __init__(
        self, runner: StoredAggregates, rubrics: RubricService, files: EvidenceFiles
    ) -> None:
        self.runner = runner
        self.rubrics = rubrics
        self.files = files

    def get(
        self, aid: UUID, version: int | None = None, as_of: datetime | None = None
    ) -> Assessment:
        """The assessment now, at a version, or as it stood at a moment."""
        return self.runner.load_at(Assessment, aid, f"assessment {aid}", version, as_of)

    def exists(self, aid: UUID) -> bool:
        return self.runner.find(Assessment, aid) is not None

    def rubric_of(self, assessment: Assessment) -> Rubric:
        return self.rubrics.rubric(assessment.rubric_id)
