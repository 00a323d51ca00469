"""Schemas of the audit resource."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import validate

from projections.audit_trail import MAX_PAGE
from web.resources.common import CODE, AsOfSchema


class AuditQuerySchema(AsOfSchema):
    assessment = ma.fields.UUID()
    unit = ma.fields.String(validate=CODE, metadata={"description": "a unit code: its subtree"})
    actor = ma.fields.String(
        validate=validate.Length(min=1, max=64), metadata={"description": "a username"}
    )
    item = ma.fields.String(validate=CODE)
    since = ma.fields.AwareDateTime()
    until = ma.fields.AwareDateTime()
    before = ma.fields.Integer(
        strict=False,
        validate=validate.Range(min=1, max=2**62),
        metadata={"description": "the next_before of the previous page"},
    )
    limit = ma.fields.Integer(load_default=50, validate=validate.Range(min=1, max=MAX_PAGE))


class AuditRowSchema(ma.Schema):
    position = ma.fields.Integer(required=True)
    occurred_at = ma.fields.DateTime(required=True)
    actor_id = ma.fields.String(required=True)
    actor_role = ma.fields.String(required=True)
    actor_unit = ma.fields.String(required=True)
    correlation_id = ma.fields.String(required=True)
    event = ma.fields.String(required=True)
    event_id = ma.fields.String(required=True)
    kind = ma.fields.String(required=True)
    assessment_id = ma.fields.UUID(allow_none=True)
    unit_id = ma.fields.UUID(allow_none=True)
    item = ma.fields.String(allow_none=True)
    layer = ma.fields.String(allow_none=True)
    old_layer = ma.fields.String(
        allow_none=True,
        metadata={
            "description": "the layer `old` counted in (an entry change's old value is "
            "what counted for the item up to the changed layer just before)"
        },
    )
    old = ma.fields.String(allow_none=True)
    new = ma.fields.String(allow_none=True)
    detail = ma.fields.String(allow_none=True)
    reason = ma.fields.String(required=True)
    hash = ma.fields.String(required=True)


class AuditPageSchema(ma.Schema):
    rows = ma.fields.List(ma.fields.Nested(AuditRowSchema), required=True)
    next_before = ma.fields.Integer(allow_none=True, required=True)
