"""The accounts an administrator manages, with their grants named for people.

No read model lists accounts, so the list comes from the log: every `Account.Created`
notification names one (as `CampaignService.ids` lists campaigns)."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from eventsourcing.utils import get_topic

from application.authorization import Action
from domain.account import Account
from projections.units import subtree
from web.context import guarded, kaohe, projections
from web.pages.base import GrantView, Me, page_caller

PAGE = 1000


@dataclass(frozen=True)
class AccountLine:
    """An account as the list shows it."""

    account: Account
    grants: list[GrantView]


def account_ids() -> list[UUID]:
    """Every account's id, in the order they were created."""
    recorder, found, start = kaohe().store.recorder, [], 1
    topic = get_topic(Account.Created)
    while True:
        page = recorder.select_notifications(start, PAGE, topics=[topic])
        found += [UUID(str(n.originator_id)) for n in page]
        if len(page) < PAGE:
            return found
        start = page[-1].id + 1


def managed_accounts() -> list[AccountLine]:
    """The accounts acting inside the administrator's subtrees (and those with no role yet),
    by username."""
    units = projections().units()
    roots = guarded().reach(page_caller(), Action.MANAGE_ACCOUNTS, "accounts")
    reach = frozenset().union(*(subtree(units, root) for root in roots))
    found = []
    for aid in account_ids():
        account = kaohe().accounts.get_by_id(aid)
        unit_ids = {g.unit_id for g in account.grants.values()}
        if not unit_ids or unit_ids & reach:
            found.append(AccountLine(account, Me(account).grants))
    return sorted(found, key=lambda line: line.account.username)
