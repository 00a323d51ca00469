"""Schemas of a campaign's plan and commitments: the sizing goal, the escalation rule, and how
a round's seed is fixed in advance (a SHA-256, or a public draw of a later date)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import marshmallow as ma
from marshmallow import validate

from domain.campaign_plan import Escalation, FollowUp
from domain.commitment import Commitment
from domain.sample_size import MAX_SIZE, SizeGoal, SizeRule
from web.resources.assessments.schemas import number
from web.resources.common import TEXT


class GoalSchema(ma.Schema):
    """A sizing goal: detect a falsification rate of at least `rate` with `confidence`, or
    estimate the compliance rate within ±`margin` with `confidence` (`proportion` 0.5 unless
    stated). The size follows from the frame's size when it is frozen."""

    rule = ma.fields.String(
        required=True, validate=validate.OneOf([SizeRule.DETECT.value, SizeRule.ESTIMATE.value])
    )
    confidence = number(required=True, metadata={"description": "e.g. 0.95"})
    rate = number(load_default=None, metadata={"description": "detect: e.g. 0.10"})
    margin = number(load_default=None, metadata={"description": "estimate: e.g. 0.05"})
    proportion = number(load_default=None, metadata={"description": "estimate: 0.5 by default"})

    @ma.post_load
    def goal(self, data: dict[str, Any], **_: Any) -> SizeGoal:
        if data["rule"] == SizeRule.DETECT.value:
            if data["rate"] is None:
                raise ma.ValidationError("A detection goal needs its rate.", "rate")
            return SizeGoal.detect(data["rate"], data["confidence"])
        if data["margin"] is None:
            raise ma.ValidationError("An estimation goal needs its margin.", "margin")
        proportion = data["proportion"] or Decimal("0.5")
        return SizeGoal.estimate(data["margin"], data["confidence"], proportion)


class CommitmentSchema(ma.Schema):
    """Either `digest` (the SHA-256 of the seed, 64 hex digits) or a public draw named in
    `draw` with its `draw_date`, later than the frame's freezing."""

    digest = ma.fields.String(load_default=None, validate=validate.Regexp(r"^[0-9a-fA-F]{64}$"))
    draw = ma.fields.String(load_default=None, validate=TEXT)
    draw_date = ma.fields.Date(load_default=None)

    @ma.post_load
    def commitment(self, data: dict[str, Any], **_: Any) -> Commitment:
        if (data["digest"] is None) == (data["draw"] is None):
            raise ma.ValidationError("Give digest, or draw with draw_date, not both.", "digest")
        if data["digest"] is not None:
            return Commitment.to_seed(data["digest"])
        if data["draw_date"] is None:
            raise ma.ValidationError("A public draw needs its date.", "draw_date")
        return Commitment.to_draw(data["draw"], data["draw_date"])


class EscalationSchema(ma.Schema):
    """More than `above` findings of error or falsification in a round lead to `then`: a
    further `round` of `size`, or a `full` check of the sheets left."""

    above = ma.fields.Integer(strict=True, required=True, validate=validate.Range(0, MAX_SIZE))
    then = ma.fields.String(required=True, validate=validate.OneOf([f.value for f in FollowUp]))
    size = ma.fields.Integer(strict=True, load_default=None, validate=validate.Range(1, MAX_SIZE))

    @ma.post_load
    def rule(self, data: dict[str, Any], **_: Any) -> Escalation:
        return Escalation(data["above"], FollowUp(data["then"]), data["size"])


class EscalateSchema(ma.Schema):
    commitment = ma.fields.Nested(
        CommitmentSchema,
        load_default=None,
        metadata={"description": "the next round's commitment (none for a full check)"},
    )
