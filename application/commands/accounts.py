"""The account commands: create, passwords (own or reset), grant, revoke, disable."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar
from uuid import UUID

from application.actor import Actor
from application.authorization import Action, Target
from application.commands.base import Command
from domain.account import ROLE_RANK, Account, Role
from domain.audit import AuditedAggregate
from domain.errors import DomainError
from domain.ids import account_id, unit_id


@dataclass(frozen=True, kw_only=True)
class CreateAccount(Command):
    """Create an account with its first password."""

    step = Action.MANAGE_ACCOUNTS
    name = "create_account"
    username: str
    display_name: str
    password: str = field(repr=False)

    def targets(self, subject: AuditedAggregate | None) -> list[Target]:
        return [Target(f"account:{self.username}")]

    def arguments(self) -> dict[str, object]:
        # A repeat is the same account asked for again; the password never enters a record.
        return {"username": self.username, "display_name": self.display_name}


@dataclass(frozen=True, kw_only=True)
class AccountCommand(Command):
    """A change of one account: managing it needs a grant over every unit it acts for."""

    subject_type: ClassVar[type[AuditedAggregate] | None] = Account
    username: str

    def subject_id(self) -> UUID | None:
        return account_id(self.username)

    def targets(self, subject: AuditedAggregate | None) -> list[Target]:
        assert isinstance(subject, Account)
        label = f"account:{subject.username}"
        units = sorted({g.unit_id for g in subject.grants.values()}, key=str)
        return [Target(label, u) for u in units] or [Target(label)]


@dataclass(frozen=True, kw_only=True)
class ChangeOwnPassword(AccountCommand):
    """The holder sets a new password, proving the current one. Everyone may: it is run as
    the holder's own highest grant, never authorized against the policy."""

    step = Action.MANAGE_ACCOUNTS
    name = "change_password"
    current: str = field(repr=False)
    password: str = field(repr=False)

    def arguments(self) -> dict[str, object]:
        return {"username": self.username}


@dataclass(frozen=True, kw_only=True)
class ResetPassword(AccountCommand):
    """An administrator over every unit the account acts for sets a new password."""

    step = Action.MANAGE_ACCOUNTS
    name = "reset_password"
    password: str = field(repr=False)
    reason: str

    def arguments(self) -> dict[str, object]:
        return {"username": self.username, "reason": self.reason}


@dataclass(frozen=True, kw_only=True)
class DisableAccount(AccountCommand):
    step = Action.MANAGE_ACCOUNTS
    name = "disable_account"
    reason: str


@dataclass(frozen=True, kw_only=True)
class GrantRole(AccountCommand):
    """Grant a role over a unit's subtree: needs the right over that unit."""

    step = Action.MANAGE_ACCOUNTS
    name = "grant_role"
    role: Role
    unit: str

    def targets(self, subject: AuditedAggregate | None) -> list[Target]:
        label = f"account:{self.username}:{self.role.value}@{self.unit}"
        return [Target(label, unit_id(self.unit))]


@dataclass(frozen=True, kw_only=True)
class RevokeRole(GrantRole):
    name = "revoke_role"
    reason: str


def as_holder(account: Account) -> Actor:
    """Who changes their own password: the holder in its highest role (every event names a
    role and a unit, so an account that holds none cannot, and is told whom to ask)."""
    grants = sorted(account.grants.values(), key=lambda g: -ROLE_RANK[g.role])
    if not grants:
        raise DomainError(
            f"{account.username} holds no role, so it acts for no unit; "
            "ask an administrator to reset its password"
        )
    return Actor(account.id, grants[0].role, grants[0].unit_id)
