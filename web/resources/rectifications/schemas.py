"""Schemas of the rectifications resource: opening an item, its steps, the ledger."""

from __future__ import annotations

import base64
import binascii
from typing import Any

import marshmallow as ma
from marshmallow import validate

from application.commands.rectifications import (
    CloseRectification,
    EvidenceFile,
    OpenRectification,
    ReopenRectification,
    ReportRectification,
)
from domain.account import Role
from domain.rectification import Source
from web.resources.assessments.schemas import path
from web.resources.common import CODE, TEXT, period_field

STATUSES = ("open", "reported", "closed")
OWNER_ROLES = (Role.STATION_STAFF.value, Role.TOWN_REVIEWER.value)


class OpenRectificationSchema(ma.Schema):
    """A finding (campaign_id + assessment_id) or a recorded risk signal (signal_id and the
    period it concerns) opens an item on a unit, with what to fix, an owner and a deadline."""

    campaign_id = ma.fields.UUID(load_default=None)
    assessment_id = ma.fields.UUID(load_default=None)
    signal_id = ma.fields.String(load_default=None, validate=CODE)
    period = period_field()
    unit = ma.fields.String(required=True, validate=CODE, metadata={"description": "unit code"})
    problem = ma.fields.String(required=True, validate=TEXT, metadata={"description": "what"})
    deadline = ma.fields.Date(required=True, metadata={"description": "a China day"})
    owner_role = ma.fields.String(load_default=None, validate=validate.OneOf(OWNER_ROLES))
    owner_account = ma.fields.UUID(load_default=None)

    @ma.validates_schema
    def one_source(self, data: dict[str, Any], **_: Any) -> None:
        finding = data["campaign_id"] is not None and data["assessment_id"] is not None
        if finding == (data["signal_id"] is not None):
            raise ma.ValidationError(
                "name a finding (campaign_id and assessment_id) or a signal_id, not both",
                "signal_id",
            )
        if (data["owner_role"] is None) == (data["owner_account"] is None):
            raise ma.ValidationError("name owner_role or owner_account", "owner_role")

    @ma.post_load
    def command(self, data: dict[str, Any], **_: Any) -> OpenRectification:
        signal = data.pop("signal_id")
        cid, aid = data.pop("campaign_id"), data.pop("assessment_id")
        source = Source.signal(signal) if signal else Source.finding(cid, aid)
        return OpenRectification(source=source, **data)


class EvidenceUploadSchema(ma.Schema):
    name = ma.fields.String(required=True, validate=validate.Length(min=1, max=200))
    content = ma.fields.String(required=True, metadata={"description": "base64"})

    @ma.post_load
    def file(self, data: dict[str, Any], **_: Any) -> EvidenceFile:
        try:
            content = base64.b64decode(data["content"], validate=True)
        except (binascii.Error, ValueError):
            raise ma.ValidationError("not base64", "content") from None
        if not content:
            raise ma.ValidationError("the file is empty", "content")
        return EvidenceFile(file_name=data["name"], content=content)


class ReportRectificationSchema(ma.Schema):
    action = ma.fields.String(required=True, validate=TEXT, metadata={"description": "done"})
    files = ma.fields.List(
        ma.fields.Nested(EvidenceUploadSchema), load_default=list, validate=validate.Length(max=20)
    )

    @ma.post_load
    def command(self, data: dict[str, Any], **_: Any) -> ReportRectification:
        return ReportRectification(
            rectification_id=path("rid"), action=data["action"], files=tuple(data["files"])
        )


class CloseRectificationSchema(ma.Schema):
    note = ma.fields.String(required=True, validate=TEXT, metadata={"description": "re-check"})

    @ma.post_load
    def command(self, data: dict[str, Any], **_: Any) -> CloseRectification:
        return CloseRectification(rectification_id=path("rid"), note=data["note"])


class ReopenRectificationSchema(ma.Schema):
    reason = ma.fields.String(required=True, validate=TEXT, metadata={"description": "why"})
    deadline = ma.fields.Date(load_default=None, metadata={"description": "a new China day"})

    @ma.post_load
    def command(self, data: dict[str, Any], **_: Any) -> ReopenRectification:
        return ReopenRectification(rectification_id=path("rid"), **data)


class LedgerQueryArgsSchema(ma.Schema):
    town = ma.fields.String(load_default=None, validate=CODE)
    period = period_field()
    status = ma.fields.String(load_default=None, validate=validate.OneOf(STATUSES))
    overdue = ma.fields.Boolean(load_default=False)


class RectificationLineSchema(ma.Schema):
    id = ma.fields.UUID()
    unit = ma.fields.String()
    unit_name = ma.fields.String()
    town = ma.fields.String()
    town_name = ma.fields.String()
    period = ma.fields.String()
    source_kind = ma.fields.String()
    campaign_id = ma.fields.UUID(allow_none=True)
    assessment_id = ma.fields.UUID(allow_none=True)
    problem = ma.fields.String()
    owner = ma.fields.String()
    deadline = ma.fields.Date()
    status = ma.fields.String()
    overdue = ma.fields.Boolean()
    version = ma.fields.Integer()


class RectificationStepSchema(ma.Schema):
    kind = ma.fields.String()
    at = ma.fields.AwareDateTime()
    actor_id = ma.fields.String()
    actor_role = ma.fields.String()
    text = ma.fields.String()


class RectificationEvidenceSchema(ma.Schema):
    name = ma.fields.String()
    size = ma.fields.Integer()
    sha256 = ma.fields.String()


class RectificationSchema(ma.Schema):
    id = ma.fields.UUID()
    source = ma.fields.Dict()
    unit_id = ma.fields.UUID()
    period = ma.fields.String()
    problem = ma.fields.String()
    owner_account = ma.fields.UUID(allow_none=True)
    owner_role = ma.fields.String(allow_none=True)
    deadline = ma.fields.Date()
    status = ma.fields.String()
    version = ma.fields.Integer()
    evidence = ma.fields.List(ma.fields.Nested(RectificationEvidenceSchema))
    history = ma.fields.List(ma.fields.Nested(RectificationStepSchema))
