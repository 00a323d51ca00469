"""Schemas of the hand-ups resource."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import validate

from application.commands.hand_ups import HANDED_TABLES
from web.resources.audit.schemas import AuditRowSchema
from web.resources.common import CODE, period_field
from web.resources.tables.schemas import CELL_TYPES


class HandUpRequestSchema(ma.Schema):
    unit = ma.fields.String(required=True, validate=CODE, metadata={"description": "a unit code"})
    table = ma.fields.String(required=True, validate=validate.OneOf(list(HANDED_TABLES)))
    period = period_field(required=True)


class HandUpsQuerySchema(ma.Schema):
    unit = ma.fields.String(required=True, validate=CODE, metadata={"description": "its subtree"})
    period = period_field(required=True)


Cells = ma.fields.List(ma.fields.Raw(allow_none=True, metadata={"anyOf": CELL_TYPES}))


class HandedTableSchema(ma.Schema):
    title = ma.fields.String(required=True)
    columns = ma.fields.List(ma.fields.String(), required=True)
    rows = ma.fields.List(Cells, required=True)


class HandedSchema(ma.Schema):
    version = ma.fields.Integer(required=True)
    at = ma.fields.AwareDateTime(required=True)
    actor_id = ma.fields.String(required=True)
    actor_role = ma.fields.String(required=True)
    rows_hash = ma.fields.String(required=True, metadata={"description": "SHA-256 of the rows"})
    position = ma.fields.Integer(required=True, metadata={"description": "log position"})
    tree_size = ma.fields.Integer(required=True, metadata={"description": "signed checkpoint"})
    root_hash = ma.fields.String(required=True)
    on_time = ma.fields.Boolean(allow_none=True, metadata={"description": "null: no deadline"})
    tables = ma.fields.List(ma.fields.Nested(HandedTableSchema), required=True)


class CellChangeSchema(ma.Schema):
    column = ma.fields.String(required=True)
    old = ma.fields.Raw(allow_none=True, metadata={"anyOf": CELL_TYPES})
    new = ma.fields.Raw(allow_none=True, metadata={"anyOf": CELL_TYPES})


class RowChangeSchema(ma.Schema):
    table = ma.fields.String(required=True)
    key = ma.fields.String(required=True)
    kind = ma.fields.String(required=True, metadata={"enum": ["changed", "added", "removed"]})
    cells = ma.fields.List(ma.fields.Nested(CellChangeSchema), required=True)


class HandUpSchema(ma.Schema):
    id = ma.fields.UUID(required=True)
    unit = ma.fields.String(required=True)
    unit_name = ma.fields.String(required=True)
    table = ma.fields.String(required=True)
    period = ma.fields.String(required=True)
    version = ma.fields.Integer(required=True)
    hand_ups = ma.fields.List(ma.fields.Nested(HandedSchema), required=True)
    restatement = ma.fields.List(
        ma.fields.Nested(RowChangeSchema),
        metadata={"description": "rows of the last hand-up that differ now, old → new"},
    )
    causes = ma.fields.List(
        ma.fields.Nested(AuditRowSchema),
        metadata={"description": "the changes to restated rows' sheets since, newest first"},
    )
