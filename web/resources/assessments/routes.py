"""/api/v1/assessments: list (read model), open, one sheet (as of any time), history,
evidence files."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import Response
from flask.views import MethodView

from application.authorization import Action
from application.commands.assessments import OpenAssessment
from application.errors import NotFoundError
from domain.ids import unit_id
from projections.tables.wording import result_words
from web.context import as_of_position, bus, caller, queries, unit_of_work
from web.downloads import attachment
from web.resources.assessments import (  # noqa: F401  (their routes)
    round_extension,
    rounds,
    scoring,
    sheet_file,
    sheets_file,
    workflow,
)
from web.resources.assessments.blueprint import answer, assessment_json, blp
from web.resources.assessments.schemas import (
    AssessmentRowSchema,
    AssessmentSchema,
    ChangeSchema,
    ListQuerySchema,
    OpenSchema,
)
from web.resources.common import CREATE, AsOfSchema, versioned

AUDIT_FIELDS = ("timestamp", "actor_id", "actor_role", "actor_unit", "reason", "hash", "prev_hash")


@blp.route("")
class AssessmentsViews(MethodView):
    @blp.arguments(ListQuerySchema, location="query")
    @blp.response(200, AssessmentRowSchema(many=True))
    def get(self, query: dict[str, Any]) -> list[dict[str, Any]]:
        """Assessments in the caller's subtree (filters: unit, period, status, rubric; as_of)."""
        who = caller()
        if "unit" in query:
            code = query["unit"]
            queries().access.check(who, Action.READ_ASSESSMENTS, f"unit:{code}", unit_id(code))
            roots = [unit_id(code)]
        else:
            roots = queries().access.reach(who, Action.READ_ASSESSMENTS, "assessments")
        position = as_of_position(query.get("as_of"))
        rows = queries().sheets.under(
            roots, False, query.get("period"), query.get("rubric"), position
        )
        wanted = query.get("status")
        units = queries().units.rows(row.head.unit_id for row in rows)
        codes = {u: found.code for u, found in units.items()}
        return [
            {
                "id": row.assessment_id,
                "unit": codes.get(row.head.unit_id),
                "rubric": row.head.rubric_code,
                "rubric_version": row.head.rubric_version,
                "period": row.head.period,
                "status": row.status,
                "version": row.version,
                "total": str(row.summary.total),
                "result": row.summary.result,
                "result_label": result_words(row.summary.result, row.summary.vetoed_for),
                "vetoed_for": list(row.summary.vetoed_for),
                "changed_at": row.changed_at,
                "approved_version": row.approved_version,
                "changed_since_approval": row.changed_since_approval,
            }
            for row in sorted(rows, key=lambda r: (codes.get(r.head.unit_id) or "", r.head.period))
            if wanted is None or row.status == wanted
        ]

    @blp.doc(**CREATE)
    @blp.arguments(OpenSchema)
    @blp.response(201, AssessmentSchema)
    def post(self, command: OpenAssessment) -> Any:
        """Open an assessment of a unit against a published rubric version for a period."""
        return answer(bus().handle(command, caller(), unit_of_work()), 201)


@blp.route("/<uuid:aid>")
class AssessmentByIdViews(MethodView):
    @blp.arguments(AsOfSchema, location="query")
    @blp.response(200, AssessmentSchema)
    def get(self, query: dict[str, Any], aid: UUID) -> Any:
        """One assessment now, or replayed as it stood at `as_of`; its ETag is its version."""
        at = query.get("as_of")
        a = queries().assessments.sheet(caller(), aid, at)
        return versioned(assessment_json(a, at), a.version)


@blp.route("/<uuid:aid>/history")
class HistoryViews(MethodView):
    @blp.response(200, ChangeSchema(many=True))
    def get(self, aid: UUID) -> list[dict[str, Any]]:
        """Every event of the assessment as stored, oldest first, with who, when and why."""
        changes = queries().assessments.history(caller(), aid)
        return [
            {
                "version": c.version,
                "event": c.topic.rpartition(".")[2],
                "at": _text(c.state.get("timestamp")),
                "actor_id": c.state.get("actor_id"),
                "actor_role": c.state.get("actor_role"),
                "reason": c.state.get("reason"),
                "hash": c.state.get("hash"),
                "data": {k: v for k, v in c.state.items() if k not in AUDIT_FIELDS},
            }
            for c in changes
        ]


@blp.route("/<uuid:aid>/evidence/<string:sha256>")
class EvidenceFileViews(MethodView):
    @blp.response(200, content_type="application/octet-stream")
    def get(self, aid: UUID, sha256: str) -> Response:
        """Download an attached evidence file."""
        found = queries().assessments.evidence(caller(), aid, sha256)
        if found is None:
            raise NotFoundError(f"no evidence {sha256[:64]} is attached to assessment {aid}")
        name, content = found
        return attachment(content, "application/octet-stream", name)


def _text(value: object) -> str | None:
    if value is None:
        return None
    return value.isoformat() if hasattr(value, "isoformat") else str(value)
