"""Accounts: the list with each account's roles, and creating an account."""

from __future__ import annotations

from flask import redirect, render_template, url_for
from werkzeug.wrappers import Response

from application.authorization import Action
from application.commands.accounts import CreateAccount
from application.passwords import MIN_PASSWORD
from domain.account import USERNAME
from web.pages.admin.account_list import managed_accounts
from web.pages.admin.blueprint import bp, require
from web.pages.admin.forms import FormState, attempt, check_required, done_notice, posted, text
from web.pages.base import handled, page_caller

SECRET = "password"
"""The field never shown again, whatever happens to its form."""


@bp.get("/accounts")
def accounts() -> str:
    """Every account the administrator manages, and the form to create one."""
    require(Action.MANAGE_ACCOUNTS, "accounts")
    return accounts_page(FormState())


def accounts_page(state: FormState) -> str:
    return render_template(
        "admin/accounts.html",
        lines=managed_accounts(),
        form=state.values,
        errors=state.errors,
        done=done_notice(),
    )


def check_password(state: FormState, field_id: str, password: str) -> None:
    if len(password) < MIN_PASSWORD:
        state.refuse(field_id, f"密码至少 {MIN_PASSWORD} 个字符。")


@bp.post("/accounts")
def create() -> Response | tuple[str, int]:
    """Create an account with an initial password (said once, to the person, never here)."""
    require(Action.MANAGE_ACCOUNTS, "accounts")
    state = posted("create")
    password = state.values.pop(SECRET, "")
    username, display_name = text("username").casefold(), text("display_name")
    if not USERNAME.match(username):
        state.refuse(
            "new-username",
            "用户名须为 3–64 位小写字母、数字、点、连字符或下划线，并以字母或数字开头。",
        )
    check_required(state, "new-display-name", display_name, "姓名")
    check_password(state, "new-password", password)
    taken = ("new-username", f"用户名 {username} 已被使用（含已停用的账号），请换一个。")
    command = CreateAccount(username=username, display_name=display_name, password=password)
    made = attempt(state, "create", "", lambda: handled(command, page_caller()), taken)
    if not made:
        return accounts_page(state), state.status
    return redirect(url_for("admin.account", username=username, done="created"), code=303)
