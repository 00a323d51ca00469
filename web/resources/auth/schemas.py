"""Schemas of the auth resource."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import validate


class LoginSchema(ma.Schema):
    username = ma.fields.String(required=True, validate=validate.Length(min=1, max=64))
    password = ma.fields.String(
        required=True, validate=validate.Length(min=1, max=1024), load_only=True
    )


class TokenSchema(ma.Schema):
    access_token = ma.fields.String(required=True)
    token_type = ma.fields.String(required=True, metadata={"example": "bearer"})
    expires_in = ma.fields.Integer(required=True, metadata={"description": "seconds"})


class SessionSchema(ma.Schema):
    csrf_token = ma.fields.String(
        required=True, metadata={"description": "send it as X-CSRF-Token with every change"}
    )
    expires_in = ma.fields.Integer(required=True, metadata={"description": "seconds"})
    username = ma.fields.String(required=True)
