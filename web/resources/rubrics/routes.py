"""/api/v1/rubrics: list, show, publish a file, validate a file, retire."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask.views import MethodView
from werkzeug.datastructures import FileStorage

from application.commands.rubrics import PublishRubric, RetireRubric
from domain.errors import Problem, RubricDefinitionError
from domain.rubric import Rubric
from domain.rubric_definition import rubric_from_definition
from domain.rubric_json import content_hash, rubric_to_dict
from domain.rubric_version import RubricVersion
from infra.rubric_files import parse_definition
from web.context import caller, create, handle, queries
from web.resources.common import CREATE, WRITE, versioned
from web.resources.rubrics.schemas import (
    RetireSchema,
    RubricFileSchema,
    RubricSchema,
    RubricSummarySchema,
    ValidationReportSchema,
)
from web.smorest import api_blueprint

blp = api_blueprint(
    "rubrics", __name__, url_prefix="/api/v1/rubrics", description="Rubrics (评分表)"
)


def summary_json(rubric: Rubric) -> dict[str, Any]:
    return {
        "code": rubric.code,
        "version": rubric.version,
        "title": rubric.title,
        "scored_level": rubric.scored_level.value,
        "period": rubric.period.value,
        "content_hash": content_hash(rubric),
    }


def rubric_json(published: RubricVersion) -> dict[str, Any]:
    rubric = queries().rubrics.rubric_of(published)
    return {
        **summary_json(rubric),
        "retired": published.retired,
        "definition": rubric_to_dict(rubric),
    }


def read_upload(upload: FileStorage) -> tuple[Mapping[str, Any], Rubric]:
    """The definition in an uploaded rubric file, checked whole (422 naming each problem)."""
    source = upload.filename or "the uploaded file"
    try:
        text = upload.read().decode("utf-8")
    except UnicodeDecodeError:
        problem = Problem("file", "not UTF-8 text; save the rubric as UTF-8")
        raise RubricDefinitionError(source, [problem]) from None
    definition = parse_definition(text, source)
    rubric = rubric_from_definition(definition, source)
    return definition, rubric


@blp.route("")
class RubricsViews(MethodView):
    @blp.response(200, RubricSummarySchema(many=True))
    def get(self) -> list[dict[str, Any]]:
        """The published rubric versions (from the scores read model)."""
        return [summary_json(r) for r in queries().rubrics.published(caller())]

    @blp.doc(**CREATE)
    @blp.arguments(RubricFileSchema, location="files")
    @blp.response(201, RubricSchema)
    def post(self, files: dict[str, FileStorage]) -> Any:
        """Publish a rubric file; the same content again returns the published version."""
        definition, _ = read_upload(files["file"])
        published = create(PublishRubric(definition=definition)).aggregate
        assert isinstance(published, RubricVersion)
        return versioned(rubric_json(published), published.version, 201)


@blp.route("/validate")
class ValidateViews(MethodView):
    @blp.arguments(RubricFileSchema, location="files")
    @blp.response(200, ValidationReportSchema)
    def post(self, files: dict[str, FileStorage]) -> dict[str, Any]:
        """Check a rubric file without publishing it: 422 lists every problem."""
        queries().rubrics.require_reading(caller())
        _, rubric = read_upload(files["file"])
        return {
            "ok": True,
            "code": rubric.code,
            "version": rubric.version,
            "items": sum(1 for _ in rubric.items()),
            "base_max": str(rubric.base_max),
            "content_hash": content_hash(rubric),
        }


@blp.route("/<string:code>/<int:version>")
class RubricVersionViews(MethodView):
    @blp.response(200, RubricSchema)
    def get(self, code: str, version: int) -> Any:
        """One published rubric version as a tree, with its content hash."""
        published = queries().rubrics.version(caller(), code, version)
        return versioned(rubric_json(published), published.version)


@blp.route("/<string:code>/<int:version>/retire")
class RetireViews(MethodView):
    @blp.doc(**WRITE)
    @blp.arguments(RetireSchema)
    @blp.response(200, RubricSchema)
    def post(self, command: RetireRubric, code: str, version: int) -> Any:
        """Retire a version: no new assessments are opened against it."""
        outcome = handle(command)
        published = outcome.aggregate
        assert isinstance(published, RubricVersion)
        return versioned(rubric_json(published), outcome.version)
