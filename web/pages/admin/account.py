"""One account: its roles, and the forms that grant and revoke a role, set a new password
and disable it."""

from __future__ import annotations

from collections.abc import Callable

from flask import redirect, render_template, url_for
from werkzeug.wrappers import Response

from application.authorization import Action, Caller
from application.bus import Outcome
from application.commands.accounts import DisableAccount, GrantRole, ResetPassword, RevokeRole
from domain.account import Role
from web.context import auth_tables, queries
from web.pages.admin.accounts import SECRET, check_password
from web.pages.admin.blueprint import bp, require
from web.pages.admin.forms import FormState, attempt, check_required, done_notice, posted, text
from web.pages.admin.units import managed_tree
from web.pages.base import ROLE_TITLES, Me, form_version, handled, page_caller


@bp.get("/accounts/<username>")
def account(username: str) -> str:
    """One account with its roles, and the forms that change it."""
    require(Action.MANAGE_ACCOUNTS, "accounts")
    return account_page(username, FormState())


def account_page(username: str, state: FormState) -> str:
    found = queries().access.account(page_caller(), username)
    return render_template(
        "admin/account.html",
        account=found,
        grants=Me(found).grants,
        roles=list(ROLE_TITLES.items()),
        units=[r for r in managed_tree() if not r.unit.closed],
        form=state.values,
        errors=state.errors,
        done=done_notice(),
    )


def change_account(
    username: str,
    form_id: str,
    state: FormState,
    change: Callable[[Caller], Outcome],
    done: str,
) -> Response | tuple[str, int]:
    """Make a change at the version the form was read at, or show the form again."""
    caller = page_caller(form_version())
    if not attempt(state, form_id, "该账号", lambda: change(caller)):
        return account_page(username, state), state.status
    return redirect(url_for("admin.account", username=username, done=done), code=303)


def role_of(state: FormState, field_id: str) -> Role:
    try:
        return Role(text("role"))
    except ValueError:
        state.refuse(field_id, "请选择角色。")
        return Role.STATION_STAFF


@bp.post("/accounts/<username>/grants")
def grant(username: str) -> Response | tuple[str, int]:
    """Grant a role over a unit's subtree."""
    state = posted("grant")
    role, unit = role_of(state, "grant-role"), text("unit")
    check_required(state, "grant-unit", unit, "单位")
    held = Me(queries().access.account(page_caller(), username)).grants
    if any(g.role is role and g.unit_code == unit for g in held):
        state.refuse("grant-unit", f"该账号已在此单位担任{ROLE_TITLES[role.value]}。")
    command = GrantRole(username=username, role=role, unit=unit)
    return change_account(username, "grant", state, lambda c: handled(command, c), "granted")


@bp.post("/accounts/<username>/revoke")
def revoke(username: str) -> Response | tuple[str, int]:
    """Revoke a role over a unit, with a reason."""
    state = posted("revoke")
    role, unit, reason = role_of(state, "revoke"), text("unit"), text("reason")
    field = f"revoke-reason-{role.value}-{unit}"
    check_required(state, field, reason, "收回原因")
    command = RevokeRole(username=username, role=role, unit=unit, reason=reason)
    return change_account(username, "revoke", state, lambda c: handled(command, c), "revoked")


@bp.post("/accounts/<username>/password")
def password(username: str) -> Response | tuple[str, int]:
    """Reset someone else's password, with a reason (said to the person, never shown here
    again); their sessions end at once."""
    state = posted("password")
    secret = state.values.pop(SECRET, "")
    reason = text("reason")
    check_password(state, "new-password", secret)
    check_required(state, "password-reason", reason, "重设原因")
    command = ResetPassword(username=username, password=secret, reason=reason)
    return change_account(username, "password", state, lambda c: handled(command, c), "password")


@bp.post("/accounts/<username>/disable")
def disable(username: str) -> Response | tuple[str, int]:
    """Disable the account, with a reason: it can no longer sign in, its sessions end."""
    state = posted("disable")
    reason = text("reason")
    check_required(state, "disable-reason", reason, "停用原因")

    def stop(caller: Caller) -> Outcome:
        outcome = handled(DisableAccount(username=username, reason=reason), caller)
        auth_tables().revoke_all(outcome.id)
        return outcome

    return change_account(username, "disable", state, stop, "disabled")
