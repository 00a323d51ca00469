"""The accounts an administrator manages, with their grants named for people."""

from __future__ import annotations

from dataclasses import dataclass

from application.read_ports import AccountRecord, GrantRecord
from domain.account import ROLE_RANK, Role
from web.context import queries
from web.pages.base import GrantView, page_caller


@dataclass(frozen=True)
class AccountLine:
    """An account as the list shows it."""

    account: AccountRecord
    grants: list[GrantView]


def grant_views(grants: list[GrantRecord]) -> list[GrantView]:
    """The grants named by their units, highest role first (as `Me.grants` orders them)."""
    views = []
    for grant in grants:
        unit = queries().units.row(grant.unit_id)
        code, name = (unit.code, unit.name) if unit else ("?", "（未知单位）")
        views.append(GrantView(Role(grant.role), code, name))
    return sorted(views, key=lambda v: (-ROLE_RANK[v.role], v.unit_code))


def managed_accounts() -> list[AccountLine]:
    """The accounts acting inside the administrator's subtrees (and those with no role yet),
    by username."""
    found = queries().accounts.managed(page_caller())
    return [AccountLine(a, grant_views(list(a.grants))) for a in found]
