"""Schemas of the signal register (风险信号登记) over HTTP: recording a county's signals of a
period, a signal's disposition, the register, and what freezing a frame put on record."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import validate

from domain.signal_register import DISPOSITION_WORDS, Disposition
from web.resources.campaigns.schemas import CampaignSchema
from web.resources.common import CODE, TEXT, period_field

DISPOSITIONS = [d.value for d in Disposition]


class RegisterQuerySchema(ma.Schema):
    unit = ma.fields.String(required=True, validate=CODE, metadata={"description": "county"})
    period = period_field(required=True)


class RecordSignalsSchema(RegisterQuerySchema):
    """Record what the county's risk report of the period raises now."""


class DisposeSignalSchema(RegisterQuerySchema):
    disposition = ma.fields.String(
        required=True,
        validate=validate.OneOf(
            DISPOSITIONS,
            error="disposition must be one of {choices} ("
            + "、".join(DISPOSITION_WORDS.values())
            + ")",
        ),
        metadata={"description": "confirmed 核实属实, dismissed 排除, rectify 转整改"},
    )
    reason = ma.fields.String(
        required=True,
        validate=TEXT,
        metadata={"description": "what was checked, or why the signal is dismissed"},
    )


class RecordedSignalSchema(ma.Schema):
    key = ma.fields.String(required=True, metadata={"description": "kind, subject and sheets"})
    kind = ma.fields.String(required=True)
    kind_words = ma.fields.String(required=True, metadata={"description": "its Chinese name"})
    subject = ma.fields.String(required=True)
    subject_id = ma.fields.String(required=True)
    explanation = ma.fields.String(required=True)
    assessments = ma.fields.List(ma.fields.String(), required=True)
    figures = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.String(), required=True)
    position = ma.fields.Integer(required=True, metadata={"description": "of the report"})
    recorded_at = ma.fields.String(required=True, metadata={"description": "ISO 8601"})
    disposition = ma.fields.String(allow_none=True, metadata={"enum": DISPOSITIONS})
    disposition_words = ma.fields.String(allow_none=True)
    reason = ma.fields.String(allow_none=True)
    disposed_by = ma.fields.String(allow_none=True, metadata={"description": "account id"})
    disposed_at = ma.fields.String(allow_none=True, metadata={"description": "ISO 8601"})


class RegisterSchema(ma.Schema):
    id = ma.fields.UUID(required=True)
    county = ma.fields.String(required=True)
    period = ma.fields.String(required=True)
    version = ma.fields.Integer(required=True, metadata={"description": "for If-Match"})
    signals = ma.fields.List(ma.fields.Nested(RecordedSignalSchema), required=True)


class FrameSignalsSchema(ma.Schema):
    recorded = ma.fields.Boolean(required=True)
    raised = ma.fields.Integer(required=True, metadata={"description": "by the period's report"})
    register_id = ma.fields.UUID(allow_none=True)
    register_version = ma.fields.Integer(allow_none=True)
    error = ma.fields.String(allow_none=True, metadata={"description": "why not recorded"})


class FrozenCampaignSchema(CampaignSchema):
    signals = ma.fields.Nested(
        FrameSignalsSchema,
        required=True,
        metadata={"description": "the county's risk signals of the period put on record"},
    )
