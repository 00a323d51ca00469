"""Schemas of the rubrics resource."""

from __future__ import annotations

from typing import Any

import marshmallow as ma

from application.commands.rubrics import RetireRubric
from web.resources.assessments.schemas import path
from web.resources.common import ReasonSchema
from web.smorest import Upload


class RubricSummarySchema(ma.Schema):
    code = ma.fields.String(required=True)
    version = ma.fields.Integer(required=True)
    title = ma.fields.String(required=True)
    scored_level = ma.fields.String(required=True)
    period = ma.fields.String(required=True)
    content_hash = ma.fields.String(required=True)


class RubricSchema(RubricSummarySchema):
    retired = ma.fields.Boolean(required=True)
    definition = ma.fields.Dict(
        required=True, metadata={"description": "the rubric as a tree (sections and items)"}
    )


class RubricFileSchema(ma.Schema):
    file = Upload(required=True, metadata={"description": "a rubric file (UTF-8 YAML)"})


class ValidationReportSchema(ma.Schema):
    ok = ma.fields.Boolean(required=True)
    code = ma.fields.String(required=True)
    version = ma.fields.Integer(required=True)
    items = ma.fields.Integer(required=True)
    base_max = ma.fields.String(required=True)
    content_hash = ma.fields.String(required=True)


class RetireSchema(ReasonSchema):
    @ma.post_load
    def command(self, data: dict[str, Any], **_: Any) -> RetireRubric:
        return RetireRubric(code=path("code"), version=path("version"), reason=data["reason"])
