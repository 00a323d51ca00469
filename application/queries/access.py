"""Queries on access: who the caller is, whether a step is allowed, and how far a read reaches."""

from __future__ import annotations

from uuid import UUID

from application.actor import Actor
from application.authorization import Action, Authorizer, Caller, Target
from application.errors import NotFoundError
from application.ports import Aggregates
from domain.account import Account, Grant
from domain.ids import account_id
from domain.period_days import hierarchy_day


class AccessQueries:
    """The caller's own account and grants, and the authorizer's answers for reads that are
    decided on a unit (tables, pages) rather than on an aggregate."""

    def __init__(self, auth: Authorizer) -> None:
        self.auth = auth

    def me(self, caller: Caller) -> Account:
        """The caller's live account; a missing or disabled one is refused as if
        unauthenticated."""
        return self.live(caller.account_id)

    def live(self, account: UUID, aggregates: Aggregates | None = None) -> Account:
        """A signed-in account as it is now (read through a request's unit of work when
        given): a missing or disabled one is refused as if unauthenticated."""
        auth = self.auth if aggregates is None else self.auth.within(aggregates)
        return auth.account(account)

    def account(self, caller: Caller, username: str) -> Account:
        """Another account (or one's own), for those who may read accounts over every unit
        it holds a role in."""
        found = self.auth.aggregates.find(Account, account_id(username))
        if found is None:
            raise NotFoundError(f"account {username} not found")
        if found.id != caller.account_id:
            for target in _account_targets(found):
                self.auth.actor(caller, Action.READ_ACCOUNTS, target)
        return found

    def check(self, caller: Caller, action: Action, label: str, unit: UUID | None = None) -> Actor:
        """Authorize a read (or any action) on a unit, or on nothing in particular."""
        return self.auth.actor(caller, action, Target(label, unit))

    def reach(self, caller: Caller, action: Action, label: str) -> list[UUID]:
        """The units whose subtrees the caller may read with `action` (refused: none)."""
        return [g.unit_id for g in self.auth.roots(caller, action, label)]

    def acting_grant(
        self, account: Account, action: Action, unit: UUID | None, period: str | None = None
    ) -> Grant | None:
        """The grant an account would act with (None: none allows it; nothing is recorded,
        so pages may ask what to offer), on a sheet of `period` under that period's
        hierarchy."""
        on = None if period is None else hierarchy_day(period)
        return self.auth.acting_grant(account, action, unit, on=on)

    def holds(self, root: UUID, unit: UUID) -> bool:
        """Whether `unit` lies in the subtree of `root` under the current hierarchy."""
        return self.auth.depth_below(root, unit) is not None


def _account_targets(account: Account) -> list[Target]:
    label = f"account:{account.username}"
    units = sorted({g.unit_id for g in account.grants.values()}, key=str)
    return [Target(label, u) for u in units] or [Target(label)]
