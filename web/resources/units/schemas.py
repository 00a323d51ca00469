"""Schemas of the units resource."""

from __future__ import annotations

from typing import Any

import marshmallow as ma
from marshmallow import validate

from application.commands.units import (
    CloseUnit,
    MoveUnit,
    RegisterUnit,
    RenameUnit,
    SetUnitContact,
)
from domain.rubric import UnitLevel
from web.resources.assessments.schemas import path
from web.resources.common import CODE, TEXT, ReasonSchema

LEVELS = [level.value for level in UnitLevel]


class UnitSchema(ma.Schema):
    code = ma.fields.String(required=True)
    name = ma.fields.String(required=True)
    level = ma.fields.String(required=True, metadata={"enum": LEVELS})
    parent = ma.fields.String(allow_none=True, metadata={"description": "the parent's code"})
    contact = ma.fields.String()
    phone = ma.fields.String()
    closed = ma.fields.Boolean()
    version = ma.fields.Integer()


class UnitNodeSchema(UnitSchema):
    children = ma.fields.List(ma.fields.Nested(lambda: UnitNodeSchema()))


class UnitTreeSchema(ma.Schema):
    roots = ma.fields.List(ma.fields.Nested(UnitNodeSchema), required=True)


class ContactSchema(ma.Schema):
    code = ma.fields.String(required=True)
    name = ma.fields.String(required=True)
    level = ma.fields.String(required=True)
    contact = ma.fields.String(required=True)
    phone = ma.fields.String(required=True)


class NewUnitSchema(ma.Schema):
    code = ma.fields.String(required=True, validate=CODE)
    name = ma.fields.String(required=True, validate=validate.Length(min=1, max=200))
    level = ma.fields.String(required=True, validate=validate.OneOf(LEVELS))
    parent = ma.fields.String(load_default=None, allow_none=True, validate=CODE)

    @ma.post_load
    def command(self, data: dict[str, Any], **_: Any) -> RegisterUnit:
        level = UnitLevel(data["level"])
        return RegisterUnit(
            code=data["code"], unit_name=data["name"], level=level, parent=data["parent"]
        )


class ContactChangeSchema(ma.Schema):
    contact = ma.fields.String(required=True, validate=validate.Length(max=100))
    phone = ma.fields.String(required=True, validate=validate.Length(max=40))

    @ma.post_load
    def command(self, data: dict[str, Any], **_: Any) -> SetUnitContact:
        return SetUnitContact(code=path("code"), contact=data["contact"], phone=data["phone"])


class RenameSchema(ma.Schema):
    name = ma.fields.String(required=True, validate=validate.Length(min=1, max=200))

    @ma.post_load
    def command(self, data: dict[str, Any], **_: Any) -> RenameUnit:
        return RenameUnit(code=path("code"), unit_name=data["name"])


class MoveSchema(ma.Schema):
    parent = ma.fields.String(required=True, validate=CODE)
    effective_from = ma.fields.Date(required=True)
    reason = ma.fields.String(required=True, validate=TEXT)

    @ma.post_load
    def command(self, data: dict[str, Any], **_: Any) -> MoveUnit:
        return MoveUnit(code=path("code"), **data)


class CloseUnitSchema(ReasonSchema):
    @ma.post_load
    def command(self, data: dict[str, Any], **_: Any) -> CloseUnit:
        return CloseUnit(code=path("code"), reason=data["reason"])
