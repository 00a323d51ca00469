"""The administration overview: what is managed here, with counts and the ways in."""

from __future__ import annotations

from flask import render_template

from application.authorization import Action
from web.context import queries
from web.pages.admin.account_list import managed_accounts
from web.pages.admin.blueprint import bp, require
from web.pages.admin.units import managed_tree
from web.pages.base import page_caller


@bp.get("")
def index() -> str:
    """Units, accounts and rubrics at a glance (administrators only)."""
    require(Action.MANAGE_UNITS, "admin")
    rows = managed_tree()
    accounts = managed_accounts()
    return render_template(
        "admin/index.html",
        units=len(rows),
        closed_units=sum(1 for r in rows if r.unit.closed),
        accounts=len(accounts),
        disabled_accounts=sum(1 for a in accounts if a.account.disabled),
        rubrics=len(queries().rubrics.published(page_caller())),
    )
