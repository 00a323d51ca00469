"""/api/v1/accounts: create, read, passwords, grants, disable."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView

from application.bus import Outcome
from application.commands.accounts import (
    ChangeOwnPassword,
    CreateAccount,
    DisableAccount,
    GrantRole,
    ResetPassword,
    RevokeRole,
    as_holder,
)
from domain.account import Account
from domain.unit import Unit
from web.auth import counted_attempt, presented_token
from web.context import auth_tables, bus, caller, create, handle, queries, unit_of_work
from web.errors import MissingFieldError
from web.resources.accounts.schemas import (
    AccountSchema,
    DisableSchema,
    GrantChangeSchema,
    NewAccountSchema,
    PasswordSchema,
    RevokeSchema,
)
from web.resources.common import CREATE, UPDATE, WRITE, versioned
from web.smorest import api_blueprint

blp = api_blueprint("accounts", __name__, url_prefix="/api/v1/accounts", description="Accounts")


def account_json(account: Account) -> dict[str, Any]:
    uow = unit_of_work()
    grants = [
        {"role": g.role.value, "unit": uow.load(Unit, g.unit_id, "unit").code}
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
    """The account the command saved (or first saved, when its key is repeated)."""
    account = outcome.aggregate
    assert isinstance(account, Account)
    return versioned(account_json(account), outcome.version, status)


@blp.route("")
class AccountsViews(MethodView):
    @blp.doc(**CREATE)
    @blp.arguments(NewAccountSchema)
    @blp.response(201, AccountSchema)
    def post(self, command: CreateAccount) -> Any:
        """Create an account with a password of at least 10 characters (administrators)."""
        return changed(create(command), 201)


@blp.route("/me")
class MeViews(MethodView):
    @blp.response(200, AccountSchema)
    def get(self) -> Any:
        """The caller's own account and grants."""
        account = queries().access.me(caller())
        return versioned(account_json(account), account.version)


@blp.route("/<string:username>")
class AccountByNameViews(MethodView):
    @blp.response(200, AccountSchema)
    def get(self, username: str) -> Any:
        """One account (yourself, or accounts acting inside your subtree)."""
        account = queries().access.account(caller(), username)
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
        me = queries().access.me(caller())
        if username in ("me", me.username):
            return changed(change_own_password(body))
        if not body.get("reason", "").strip():
            raise MissingFieldError(
                "reason", "resetting another account's password needs a reason (the audit shows it)"
            )
        reset = ResetPassword(username=username, password=body["password"], reason=body["reason"])
        return changed(handle(reset))


def change_own_password(body: dict[str, str]) -> Outcome:
    """Prove the current password (counted like a login) and keep this request's session."""
    me = queries().access.me(caller())
    if "current_password" not in body:
        raise MissingFieldError(
            "current_password", "changing your own password needs your current_password"
        )
    change = ChangeOwnPassword(
        username=me.username, current=body["current_password"], password=body["password"]
    )
    with counted_attempt(me.username):
        outcome = bus().handle_as(change, as_holder(me), caller(write=True), unit_of_work())
    presented = presented_token()
    if presented is not None:
        account = outcome.aggregate
        assert isinstance(account, Account)
        auth_tables().keep(presented[0], account.credential_generation)
    return outcome


@blp.route("/<string:username>/grants")
class GrantsViews(MethodView):
    @blp.doc(**WRITE)
    @blp.arguments(GrantChangeSchema)
    @blp.response(200, AccountSchema)
    def post(self, command: GrantRole, username: str) -> Any:
        """Grant a role over a unit's subtree (administrators over that unit)."""
        return changed(handle(command))


@blp.route("/<string:username>/grants/revoke")
class RevokeViews(MethodView):
    @blp.doc(**WRITE)
    @blp.arguments(RevokeSchema)
    @blp.response(200, AccountSchema)
    def post(self, command: RevokeRole, username: str) -> Any:
        """Revoke a role over a unit, with a reason."""
        return changed(handle(command))


@blp.route("/<string:username>/disable")
class DisableViews(MethodView):
    @blp.doc(**WRITE)
    @blp.arguments(DisableSchema)
    @blp.response(200, AccountSchema)
    def post(self, command: DisableAccount, username: str) -> Any:
        """Disable the account: it can no longer log in, and its tokens stop working."""
        outcome = handle(command)
        auth_tables().revoke_all(outcome.id)
        return changed(outcome)
