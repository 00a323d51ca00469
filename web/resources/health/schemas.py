"""What /api/v1/health answers: a status for anyone, details for accounts."""

from __future__ import annotations

import marshmallow as ma


class FailureSchema(ma.Schema):
    position = ma.fields.Integer(required=True, metadata={"description": "log position"})
    aggregate_id = ma.fields.String(required=True)
    aggregate_version = ma.fields.Integer(required=True)
    topic = ma.fields.String(required=True)
    error = ma.fields.String(required=True)
    attempts = ma.fields.Integer(required=True)


class ProjectionHealthSchema(ma.Schema):
    name = ma.fields.String(required=True)
    state = ma.fields.String(
        required=True, metadata={"enum": ["current", "behind", "stale", "failed"]}
    )
    position = ma.fields.Integer(required=True)
    head = ma.fields.Integer(required=True)
    lag = ma.fields.Integer(required=True)
    failure = ma.fields.Nested(FailureSchema, allow_none=True, required=True)


class HealthSchema(ma.Schema):
    status = ma.fields.String(
        required=True,
        metadata={
            "enum": ["ok", "degraded"],
            "description": "ok; degraded when a read model has failed (writes still work). "
            "An unreachable store answers 503 with Retry-After instead.",
        },
    )
    store = ma.fields.String(metadata={"description": "signed in only: reachable"})
    projections = ma.fields.List(
        ma.fields.Nested(ProjectionHealthSchema),
        metadata={"description": "signed in only: each read model's state and lag"},
    )
