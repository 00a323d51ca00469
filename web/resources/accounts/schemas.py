"""Schemas of the accounts resource."""

from __future__ import annotations

from typing import Any

import marshmallow as ma
from marshmallow import validate

from application.commands.accounts import CreateAccount, DisableAccount, GrantRole, RevokeRole
from application.passwords import MIN_PASSWORD
from domain.account import USERNAME, Role
from web.resources.assessments.schemas import path
from web.resources.common import CODE, TEXT, ReasonSchema

ROLES = [role.value for role in Role]
PASSWORD = validate.Length(min=MIN_PASSWORD, max=1024)
PASSWORD_RULE = {"description": f"at least {MIN_PASSWORD} and at most 1024 characters"}


class GrantSchema(ma.Schema):
    role = ma.fields.String(required=True, metadata={"enum": ROLES})
    unit = ma.fields.String(required=True, metadata={"description": "the unit's code"})


class AccountSchema(ma.Schema):
    username = ma.fields.String(required=True)
    display_name = ma.fields.String(required=True)
    disabled = ma.fields.Boolean(required=True)
    grants = ma.fields.List(ma.fields.Nested(GrantSchema), required=True)
    version = ma.fields.Integer(required=True)


USERNAME_FORM = (
    "A username is 3 to 64 characters: ASCII letters (kept in lower case), digits, '.', '-' "
    "or '_', starting with a letter or digit; no spaces."
)


def username(value: str) -> None:
    """The form the domain keeps, refused here rather than quietly trimmed."""
    if not (value.isascii() and USERNAME.match(value.lower())):
        raise ma.ValidationError(USERNAME_FORM)


class NewAccountSchema(ma.Schema):
    username = ma.fields.String(
        required=True,
        validate=username,
        metadata={"description": USERNAME_FORM},
    )
    display_name = ma.fields.String(required=True, validate=validate.Length(min=1, max=100))
    password = ma.fields.String(
        required=True, validate=PASSWORD, load_only=True, metadata=PASSWORD_RULE
    )

    @ma.post_load
    def command(self, data: dict[str, Any], **_: Any) -> CreateAccount:
        return CreateAccount(**data)


class PasswordSchema(ma.Schema):
    password = ma.fields.String(
        required=True, validate=PASSWORD, load_only=True, metadata=PASSWORD_RULE
    )
    current_password = ma.fields.String(
        validate=PASSWORD,
        load_only=True,
        metadata={
            "description": "your current password: required to change your own (a wrong one "
            "is refused with 403 and counted like a failed login; 429 past the limit)"
        },
    )
    reason = ma.fields.String(
        validate=TEXT,
        metadata={
            "description": "why an administrator resets someone else's password: required "
            "for that, recorded in its PasswordReset event"
        },
    )


class GrantChangeSchema(ma.Schema):
    role = ma.fields.String(required=True, validate=validate.OneOf(ROLES))
    unit = ma.fields.String(required=True, validate=CODE)

    @ma.post_load
    def command(self, data: dict[str, Any], **_: Any) -> GrantRole:
        return GrantRole(username=path("username"), role=Role(data["role"]), unit=data["unit"])


class RevokeSchema(GrantChangeSchema):
    reason = ma.fields.String(required=True, validate=TEXT)

    @ma.post_load
    def command(self, data: dict[str, Any], **_: Any) -> RevokeRole:
        role = Role(data["role"])
        return RevokeRole(
            username=path("username"), role=role, unit=data["unit"], reason=data["reason"]
        )


class DisableSchema(ReasonSchema):
    @ma.post_load
    def command(self, data: dict[str, Any], **_: Any) -> DisableAccount:
        return DisableAccount(username=path("username"), reason=data["reason"])
