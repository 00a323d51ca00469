"""Schemas of the tables resource."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import validate

from web.resources.common import CODE, AsOfSchema, period_field

CELL_TYPES = [{"type": "string"}, {"type": "integer"}]
"""A cell is text (points as decimal text, so they stay exact), a whole number (a level, a
count, a rank) or null."""


class TableQuerySchema(AsOfSchema):
    unit = ma.fields.String(validate=CODE, metadata={"description": "a unit code: its subtree"})
    period = period_field()
    format = ma.fields.String(load_default="json", validate=validate.OneOf(["json", "csv", "xlsx"]))


class ReadQuerySchema(AsOfSchema):
    unit = ma.fields.String(validate=CODE, metadata={"description": "a unit code: its subtree"})
    period = period_field()


class TableSchema(ma.Schema):
    name = ma.fields.String(required=True)
    title = ma.fields.String(required=True)
    context = ma.fields.List(ma.fields.String(), required=True)
    columns = ma.fields.List(ma.fields.String(), required=True)
    rows = ma.fields.List(
        ma.fields.List(ma.fields.Raw(allow_none=True, metadata={"anyOf": CELL_TYPES})),
        required=True,
        metadata={"description": "one cell per column: text, a whole number or null"},
    )
    footer = ma.fields.List(ma.fields.String(), required=True)


class TablesSchema(ma.Schema):
    tables = ma.fields.List(ma.fields.Nested(TableSchema), required=True)
