"""The account handlers; password hashes go beside the events through the context."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from application.commands import accounts as c
from application.context import Context
from application.errors import ConflictError, NotFoundError, WrongPasswordError
from application.grant_scope import check_grant_scope, published_rubrics
from application.passwords import Passwords, check_password
from domain.account import Account
from domain.ids import account_id, unit_id
from domain.unit import Unit


def passwords(ctx: Context) -> Passwords:
    assert ctx.passwords is not None, "the bus was built without a password hasher"
    return ctx.passwords


def create_account(cmd: c.CreateAccount, ctx: Context) -> list[Account]:
    check_password(cmd.password)
    if ctx.uow.find(Account, account_id(cmd.username)) is not None:
        raise ConflictError(f"account {cmd.username} already exists")
    passwords(ctx).set(account_id(cmd.username), cmd.password)
    account = Account.create(ctx.stamp, cmd.username, cmd.display_name)
    account.record_password_set(ctx.stamp)
    return [account]


def change_own_password(cmd: c.ChangeOwnPassword, account: Account, ctx: Context) -> None:
    """The current password must match (wrong: WrongPasswordError, counted like a login)."""
    if not passwords(ctx).matches(account.id, cmd.current):
        raise WrongPasswordError(
            "the current password is wrong; give the password you log in with now"
        )
    passwords(ctx).set(account.id, cmd.password)
    account.record_password_set(ctx.stamp)


def reset_password(cmd: c.ResetPassword, account: Account, ctx: Context) -> None:
    passwords(ctx).set(account.id, cmd.password)
    account.reset_password(ctx.stamp, cmd.reason)


def grant_role(cmd: c.GrantRole, account: Account, ctx: Context) -> None:
    unit = ctx.uow.load(Unit, unit_id(cmd.unit), f"unit {cmd.unit}")
    check_grant_scope(cmd.role, unit.level, published_rubrics(ctx.uow, ctx.rubrics))
    account.grant(ctx.stamp, cmd.role, unit.id)


def revoke_role(cmd: c.RevokeRole, account: Account, ctx: Context) -> None:
    held = [
        g for g in account.grants.values() if g.role is cmd.role and g.unit_id == unit_id(cmd.unit)
    ]
    if not held:
        raise NotFoundError(f"{cmd.username} holds no {cmd.role.value} grant over {cmd.unit}")
    account.revoke(ctx.stamp, held[0].grant_id, cmd.reason)


def disable_account(cmd: c.DisableAccount, account: Account, ctx: Context) -> None:
    account.disable(ctx.stamp, cmd.reason)


ACCOUNT_HANDLERS: Mapping[type[Any], Callable[..., Any]] = {
    c.CreateAccount: create_account,
    c.ChangeOwnPassword: change_own_password,
    c.ResetPassword: reset_password,
    c.GrantRole: grant_role,
    c.RevokeRole: revoke_role,
    c.DisableAccount: disable_account,
}
