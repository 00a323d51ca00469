"""Schemas of the campaigns resource: campaigns and their steps, findings, the risk report."""

from __future__ import annotations

from typing import Any

import marshmallow as ma
from marshmallow import validate

from application.commands.campaigns import EnterSeed, OpenCampaign
from domain.campaign_plan import Plan
from domain.evidence import FINDINGS
from domain.sample_size import MAX_SIZE, SizeGoal
from domain.sampling import Mode
from web.resources.assessments.schemas import number, path
from web.resources.campaigns.plan_schemas import CommitmentSchema, EscalationSchema, GoalSchema
from web.resources.common import CODE, TEXT, AsOfSchema, period_field

MODES = [m.value for m in Mode]


class OpenCampaignSchema(ma.Schema):
    county = ma.fields.String(required=True, validate=CODE, metadata={"description": "county"})
    period = period_field(required=True)
    name = ma.fields.String(required=True, validate=validate.Length(min=1, max=200))
    mode = ma.fields.String(required=True, validate=validate.OneOf(MODES))
    size = ma.fields.Integer(
        strict=True,
        load_default=None,
        validate=validate.Range(1, MAX_SIZE),
        metadata={"description": "a typed size (recorded as typed); or give a goal"},
    )
    goal = ma.fields.Nested(GoalSchema, load_default=None)
    commitment = ma.fields.Nested(CommitmentSchema, required=True)
    escalation = ma.fields.Nested(EscalationSchema, load_default=None)

    @ma.post_load
    def command(self, data: dict[str, Any], **_: Any) -> OpenCampaign:
        if (data["size"] is None) == (data["goal"] is None):
            raise ma.ValidationError("Give a size or a goal, not both.", "size")
        goal = data["goal"] or SizeGoal.typed(data["size"])
        return OpenCampaign(
            county=data["county"],
            period=data["period"],
            campaign_name=data["name"],
            mode=data["mode"],
            plan=Plan(goal, data["escalation"]),
            commitment=data["commitment"],
        )


class FrameSchema(ma.Schema):
    """Which sheets make the frame; without either field, the county's approved sheets of
    the period (weighted by the risk report of the period in the weighted mode)."""

    assessments = ma.fields.List(
        ma.fields.UUID(), validate=validate.Length(min=1, max=10_000), load_default=None
    )
    weights = ma.fields.Dict(
        keys=ma.fields.UUID(),
        values=number(),
        validate=validate.Length(min=1, max=10_000),
        load_default=None,
        metadata={"description": "assessment id → weight (the weighted mode)"},
    )
    weigh_by = ma.fields.String(
        validate=validate.OneOf(["risk", "agreement"]),
        load_default="risk",
        metadata={
            "description": "without sheets named, the weighted mode's weights: the risk "
            "report's, or each town's agreement weight (GET /agreement)"
        },
    )

    @ma.validates_schema
    def one_of(self, data: dict[str, Any], **kwargs: Any) -> None:
        if data.get("assessments") is not None and data.get("weights") is not None:
            raise ma.ValidationError("Give assessments or weights, not both.", "weights")


class SeedSchema(ma.Schema):
    seed = ma.fields.String(
        required=True,
        validate=validate.Regexp(r"^[0-9]{10,100}$"),
        metadata={"description": "10 to 100 decimal digits, as committed"},
    )
    source = ma.fields.String(
        load_default="",
        validate=validate.Length(max=2000),
        metadata={"description": "where from (a public draw: the draw committed to)"},
    )

    @ma.post_load
    def command(self, data: dict[str, Any], **_: Any) -> EnterSeed:
        return EnterSeed(campaign_id=path("cid"), seed=data["seed"], source=data["source"])


class ConsequenceSchema(ma.Schema):
    """A falsification's consequence: a deduction line or a veto condition of an item."""

    item = ma.fields.String(required=True, validate=CODE)
    line = ma.fields.String(load_default=None, validate=CODE)
    condition = ma.fields.String(load_default=None, validate=CODE)
    amount = number(allow_none=True, load_default=None)
    count = ma.fields.Integer(
        strict=True, allow_none=True, load_default=None, validate=validate.Range(0, 100_000)
    )

    @ma.validates_schema
    def line_or_condition(self, data: dict[str, Any], **kwargs: Any) -> None:
        if (data.get("line") is None) == (data.get("condition") is None):
            raise ma.ValidationError(
                "Name a deduction line (with amount or count) or a veto condition.", "line"
            )


class FindingSchema(ma.Schema):
    finding = ma.fields.String(required=True, validate=validate.OneOf(list(FINDINGS)))
    items = ma.fields.List(ma.fields.String(validate=CODE), load_default=list)
    evidence = ma.fields.List(
        ma.fields.String(validate=validate.Regexp(r"^[0-9a-fA-F]{64}$")), load_default=list
    )
    note = ma.fields.String(required=True, validate=TEXT)
    consequence = ma.fields.Nested(
        ConsequenceSchema,
        load_default=None,
        allow_none=True,
        metadata={"description": "{item, line, amount|count} or {item, condition}"},
    )


class RiskQuerySchema(AsOfSchema):
    unit = ma.fields.String(required=True, validate=CODE, metadata={"description": "county"})
    period = period_field(required=True)


class CampaignRowSchema(ma.Schema):
    id = ma.fields.UUID(required=True)
    county = ma.fields.String(required=True)
    county_name = ma.fields.String(required=True)
    period = ma.fields.String(required=True)
    name = ma.fields.String(required=True)
    mode = ma.fields.String(required=True, metadata={"enum": MODES})
    size = ma.fields.Integer(required=True)
    method = ma.fields.String(required=True)
    stage = ma.fields.String(required=True)
    version = ma.fields.Integer(required=True)
    frame_size = ma.fields.Integer(required=True)
    frame_hash = ma.fields.String(allow_none=True)
    sampled = ma.fields.Integer(required=True)


class FrameEntrySchema(ma.Schema):
    assessment_id = ma.fields.String(required=True)
    unit_id = ma.fields.String(required=True)
    town_id = ma.fields.String(required=True)
    version = ma.fields.Integer(required=True)
    content_hash = ma.fields.String(required=True)
    weight = ma.fields.String(required=True)


class SelectedSchema(ma.Schema):
    assessment_id = ma.fields.String(required=True)
    probability = ma.fields.String(required=True, metadata={"description": "exact, like 4/7"})
    ticket = ma.fields.String(required=True)
    finding = ma.fields.String(allow_none=True)


class RoundSchema(ma.Schema):
    number = ma.fields.Integer(required=True)
    size = ma.fields.Integer(allow_none=True, metadata={"description": "none: a full check"})
    commitment = ma.fields.Dict(allow_none=True)
    fixed_at = ma.fields.String(required=True, metadata={"description": "ISO 8601"})
    seed = ma.fields.String(allow_none=True)
    source = ma.fields.String(allow_none=True)
    seeded_at = ma.fields.String(allow_none=True, metadata={"description": "ISO 8601"})
    sampled = ma.fields.Integer(required=True)


class CampaignSchema(CampaignRowSchema):
    as_of = ma.fields.DateTime(allow_none=True)
    plan = ma.fields.Dict(allow_none=True, metadata={"description": "goal and escalation"})
    commitment = ma.fields.Dict(allow_none=True)
    rounds = ma.fields.List(ma.fields.Nested(RoundSchema), required=True)
    seed = ma.fields.String(allow_none=True)
    seed_source = ma.fields.String(allow_none=True)
    frame = ma.fields.List(ma.fields.Nested(FrameEntrySchema), required=True)
    sample = ma.fields.List(ma.fields.Nested(SelectedSchema), required=True)
    findings = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.String(), required=True)


class VerificationSchema(ma.Schema):
    campaign_id = ma.fields.String(required=True)
    matches = ma.fields.Boolean(required=True)
    differences = ma.fields.List(ma.fields.String(), required=True)
    frame_hash = ma.fields.String(allow_none=True)
    recomputed_hash = ma.fields.String(allow_none=True)
    sample_size = ma.fields.Integer(required=True)
    commitment = ma.fields.String(required=True, metadata={"enum": ["hash", "public_draw", "none"]})
    notes = ma.fields.List(ma.fields.String(), required=True)


class FactorsSchema(ma.Schema):
    assessments = ma.fields.List(ma.fields.Dict(), required=True)
    towns = ma.fields.List(ma.fields.Dict(), required=True)
    items = ma.fields.List(ma.fields.Dict(), required=True)
    county = ma.fields.Dict(required=True)
    worst = ma.fields.Dict(
        allow_none=True, metadata={"description": "the sheet the headline names"}
    )
    headline = ma.fields.String(
        metadata={"description": "how many sheets are outside the band, the worst named"}
    )
    pending = ma.fields.List(
        ma.fields.String(), metadata={"description": "sampled sheets not checked yet"}
    )
    method = ma.fields.String()
    settings = ma.fields.Dict(required=True)


class RankedSchema(ma.Schema):
    unit_id = ma.fields.String(required=True)
    code = ma.fields.String(required=True)
    name = ma.fields.String(required=True)
    town_id = ma.fields.String(allow_none=True)
    score = ma.fields.String(required=True)
    weight = ma.fields.String(required=True)
    signals = ma.fields.List(ma.fields.Integer(), required=True)
    reasons = ma.fields.List(ma.fields.String(), required=True)


class SignalSchema(ma.Schema):
    kind = ma.fields.String(required=True)
    subject = ma.fields.String(required=True)
    subject_id = ma.fields.String(required=True)
    explanation = ma.fields.String(required=True)
    figures = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.String())
    assessments = ma.fields.List(ma.fields.String())
    events = ma.fields.List(ma.fields.Dict(), metadata={"description": "audit trail references"})


class RiskReportSchema(ma.Schema):
    county_id = ma.fields.String(required=True)
    county = ma.fields.String(required=True)
    period = ma.fields.String(required=True)
    position = ma.fields.Integer(required=True)
    as_of = ma.fields.DateTime(allow_none=True)
    settings = ma.fields.Dict(required=True)
    signals = ma.fields.List(ma.fields.Nested(SignalSchema), required=True)
    towns = ma.fields.List(ma.fields.Nested(RankedSchema), required=True)
    stations = ma.fields.List(ma.fields.Nested(RankedSchema), required=True)
