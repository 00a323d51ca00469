"""/api/v1/accounts: create, read, passwords, grants, disable."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView

from application.runner import Outcome
from domain.account import Account, Role
from web.auth import counted_attempt, presented_token
from web.context import auth_tables, caller, guarded, kaohe
from web.errors import MissingFieldError
from web.resources.accounts.schemas import (
    AccountSchema,
    GrantChangeSchema,
    NewAccountSchema,
    PasswordSchema,
    RevokeSchema,
)
from web.resources.common import CREATE, UPDATE, WRITE, ReasonSchema, versioned
from web.smorest import api_blueprint

blp = api_blueprint("accounts", __name__, url_prefix="/api/v1/accounts", description="Accounts")


def account_json(account: Account) -> dict[str, Any]:
    units = kaohe().units
    grants = [
        {"role": g.role.value, "unit": units.get_by_id(g.unit_id).code}
        for g in sorted(account.grants.values(), key=lambda g: (g.role.value, str(g.unit_id)))
    ]
    return {
        "username": account.username,
        "display_name": account.display_name,
        "disabled": account.disabled,
        "grants": grants,
        "version": account.version,
    }


def changed(outcome: Outcome, status: int = 200) -> tuple[dict[str, Any], int, dict[str, str]]:
    account = kaohe().runner.load_at(Account, outcome.id, "account", outcome.version)
    return versioned(account_json(account), outcome.version, status)


@blp.route("")
class AccountsViews(MethodView):
    @blp.doc(**CREATE)
    @blp.arguments(NewAccountSchema)
    @blp.response(201, AccountSchema)
    def post(self, new: dict[str, str]) -> Any:
        """Create an account with a password of at least 10 characters (administrators)."""
        outcome = guarded().create_account(
            caller(), new["username"], new["display_name"], new["password"]
        )
        return changed(outcome, 201)


@blp.route("/me")
class MeViews(MethodView):
    @blp.response(200, AccountSchema)
    def get(self) -> Any:
        """The caller's own account and grants."""
        account = guarded().me(caller())
        return versioned(account_json(account), account.version)


@blp.route("/<string:username>")
class AccountByNameViews(MethodView):
    @blp.response(200, AccountSchema)
    def get(self, username: str) -> Any:
        """One account (yourself, or accounts acting inside your subtree)."""
        account = guarded().account(caller(), username)
        return versioned(account_json(account), account.version)


@blp.route("/<string:username>/password")
class PasswordViews(MethodView):
    @blp.doc(**UPDATE)
    @blp.arguments(PasswordSchema)
    @blp.response(200, AccountSchema)
    def put(self, body: dict[str, str], username: str) -> Any:
        """Change your own password (`me` or your username) with `current_password`, or, as
        an administrator over the account's units, reset someone else's with a `reason`.
        Every other token and session of the account stops working at once; the one that
        changed its own password stays."""
        me = guarded().me(caller())
        if username in ("me", me.username):
            return changed(change_own_password(body))
        if not body.get("reason", "").strip():
            raise MissingFieldError(
                "reason", "resetting another account's password needs a reason (the audit shows it)"
            )
        reset = guarded().reset_password
        return changed(reset(caller(write=True), username, body["password"], body["reason"]))


def change_own_password(body: dict[str, str]) -> Outcome:
    """Prove the current password (counted like a login) and keep this request's session."""
    me = guarded().me(caller())
    if "current_password" not in body:
        raise MissingFieldError(
            "current_password", "changing your own password needs your current_password"
        )
    with counted_attempt(me.username):
        outcome = guarded().change_own_password(
            caller(write=True), body["current_password"], body["password"]
        )
    presented = presented_token()
    if presented is not None:
        auth_tables().keep(
            presented[0], kaohe().accounts.get_by_id(outcome.id).credential_generation
        )
    return outcome


@blp.route("/<string:username>/grants")
class GrantsViews(MethodView):
    @blp.doc(**WRITE)
    @blp.arguments(GrantChangeSchema)
    @blp.response(200, AccountSchema)
    def post(self, body: dict[str, str], username: str) -> Any:
        """Grant a role over a unit's subtree (administrators over that unit)."""
        outcome = guarded().grant(caller(write=True), username, Role(body["role"]), body["unit"])
        return changed(outcome)


@blp.route("/<string:username>/grants/revoke")
class RevokeViews(MethodView):
    @blp.doc(**WRITE)
    @blp.arguments(RevokeSchema)
    @blp.response(200, AccountSchema)
    def post(self, body: dict[str, str], username: str) -> Any:
        """Revoke a role over a unit, with a reason."""
        outcome = guarded().revoke(
            caller(write=True), username, Role(body["role"]), body["unit"], body["reason"]
        )
        return changed(outcome)


@blp.route("/<string:username>/disable")
class DisableViews(MethodView):
    @blp.doc(**WRITE)
    @blp.arguments(ReasonSchema)
    @blp.response(200, AccountSchema)
    def post(self, body: dict[str, str], username: str) -> Any:
        """Disable the account: it can no longer log in, and its tokens stop working."""
        outcome = guarded().disable(caller(write=True), username, body["reason"])
        auth_tables().revoke_all(outcome.id)
        return changed(outcome)
