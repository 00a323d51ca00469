"""The guarded facade: every use case as a caller may ask for it, authorized first."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import date
from typing import Any
from uuid import UUID

from application.actor import Actor
from application.authorization import Action, Authorizer, Caller, Target
from application.errors import ConflictError
from application.guarded_assessments import GuardedAssessments
from application.runner import Command, Outcome
from application.service import Kaohe
from domain.account import ROLE_RANK, Account, Role
from domain.canonical import canonical_json
from domain.command_record import CommandRecord
from domain.errors import DomainError
from domain.ids import account_id, command_id, unit_id
from domain.rubric import UnitLevel


class Gate:
    """What every guarded use case shares: the authorizer, commands and preconditions."""

    def __init__(self, kaohe: Kaohe, auth: Authorizer) -> None:
        self.kaohe = kaohe
        self.auth = auth

    def actor(self, caller: Caller, action: Action, target: Target) -> Actor:
        return self.auth.actor(caller, action, target)

    def command(self, caller: Caller, actor: Actor, current_version: int | None = None) -> Command:
        """The command of an authorized caller. When it names an expected version that is
        not the current one, it is refused here, before anything is checked or changed,
        unless it repeats an idempotency key (a repeat returns the first result)."""
        expected = caller.expected_version
        if (
            expected is not None
            and current_version is not None
            and expected != current_version
            and not self.repeats(caller)
        ):
            raise ConflictError(
                f"your change was based on version {expected}, but it is at version "
                f"{current_version}; reload and try again",
                current_version=current_version,
            )
        return Command(actor, caller.correlation_id, caller.idempotency_key, expected)

    def repeats(self, caller: Caller) -> bool:
        """Whether the caller's idempotency key was already used."""
        if not caller.idempotency_key:
            return False
        record_id = command_id(f"{caller.account_id}:{caller.idempotency_key}")
        return self.kaohe.runner.find(CommandRecord, record_id) is not None

    def replayed(self, command: Command, name: str, arguments: dict[str, Any]) -> Outcome | None:
        """The first result of a repeated create (whose "already exists" check would refuse
        the repeat before the runner could replay it); the fingerprint is the runner's."""
        if not command.idempotency_key:
            return None
        fingerprint = hashlib.sha256(canonical_json([name, arguments])).hexdigest()
        return self.kaohe.runner.replay(command, fingerprint)


class Guarded:
    """Kaohe as callers use it over HTTP: each call resolves the acting role from the
    caller's live grants and the target's unit, or is refused and recorded."""

    def __init__(self, kaohe: Kaohe, auth: Authorizer) -> None:
        self.kaohe = kaohe
        self.gate = Gate(kaohe, auth)
        self.auth = self.gate.auth
        self.assessments = GuardedAssessments(self.gate)

    # Reading --------------------------------------------------------------------------

    def me(self, caller: Caller) -> Account:
        return self.auth.account(caller.account_id)

    def account(self, caller: Caller, username: str) -> Account:
        account = self.kaohe.accounts.get(username)
        if account.id != caller.account_id:
            for target in self._account_targets(account):
                self.gate.actor(caller, Action.READ_ACCOUNTS, target)
        return account

    def check(self, caller: Caller, action: Action, label: str, unit: UUID | None = None) -> Actor:
        """Authorize a read (or any action) on a unit, or on nothing in particular."""
        return self.gate.actor(caller, action, Target(label, unit))

    def reach(self, caller: Caller, action: Action, label: str) -> list[UUID]:
        """The units whose subtrees the caller may read with `action` (refused: none)."""
        return [g.unit_id for g in self.auth.roots(caller, action, label)]

    # Units ----------------------------------------------------------------------------

    def register_unit(
        self, caller: Caller, code: str, name: str, level: UnitLevel, parent: str | None
    ) -> Outcome:
        where = Target(f"unit:{code}", unit_id(parent) if parent else None)
        command = self.gate.command(caller, self.gate.actor(caller, Action.MANAGE_UNITS, where))
        args = {"code": code, "name": name, "level": level.value, "parent": parent}
        replayed = self.gate.replayed(command, "register_unit", args)
        return replayed or self.kaohe.units.register(command, code, name, level, parent)

    def rename_unit(self, caller: Caller, code: str, name: str) -> Outcome:
        command = self._unit_command(caller, Action.MANAGE_UNITS, code)
        return self.kaohe.units.rename(command, code, name)

    def move_unit(
        self, caller: Caller, code: str, parent: str, effective_from: date, reason: str
    ) -> Outcome:
        self.gate.actor(caller, Action.MANAGE_UNITS, Target(f"unit:{parent}", unit_id(parent)))
        command = self._unit_command(caller, Action.MANAGE_UNITS, code)
        return self.kaohe.units.move(command, code, parent, effective_from, reason)

    def set_contact(self, caller: Caller, code: str, contact: str, phone: str) -> Outcome:
        command = self._unit_command(caller, Action.SET_CONTACT, code)
        return self.kaohe.units.set_contact(command, code, contact, phone)

    def close_unit(self, caller: Caller, code: str, reason: str) -> Outcome:
        command = self._unit_command(caller, Action.MANAGE_UNITS, code)
        return self.kaohe.units.close(command, code, reason)

    def _unit_command(self, caller: Caller, action: Action, code: str) -> Command:
        unit = self.kaohe.units.get(code)
        actor = self.gate.actor(caller, action, Target(f"unit:{code}", unit.id))
        return self.gate.command(caller, actor, unit.version)

    # Accounts -------------------------------------------------------------------------

    def create_account(
        self, caller: Caller, username: str, display_name: str, password: str
    ) -> Outcome:
        target = Target(f"account:{username}")
        command = self.gate.command(caller, self.gate.actor(caller, Action.MANAGE_ACCOUNTS, target))
        args = {"username": username, "display_name": display_name}
        replayed = self.gate.replayed(command, "create_account", args)
        return replayed or self.kaohe.accounts.create(command, username, display_name, password)

    def change_own_password(self, caller: Caller, current: str, password: str) -> Outcome:
        """Everyone may change their own password, giving the current one."""
        own = self.auth.account(caller.account_id)
        grants = sorted(own.grants.values(), key=lambda g: -ROLE_RANK[g.role])
        if not grants:  # every event names a role and a unit: there are none to name
            raise DomainError(
                f"{own.username} holds no role, so it acts for no unit; "
                "ask an administrator to reset its password"
            )
        actor = Actor(own.id, grants[0].role, grants[0].unit_id)
        command = self.gate.command(caller, actor, own.version)
        return self.kaohe.accounts.change_password(command, own.username, current, password)

    def reset_password(self, caller: Caller, username: str, password: str, reason: str) -> Outcome:
        """An administrator over every unit the account acts for sets a new password."""
        account = self.kaohe.accounts.get(username)
        command = self._account_command(caller, account)
        return self.kaohe.accounts.reset_password(command, username, password, reason)

    def grant(self, caller: Caller, username: str, role: Role, unit: str) -> Outcome:
        account = self.kaohe.accounts.get(username)
        where = Target(f"account:{username}:{role.value}@{unit}", unit_id(unit))
        actor = self.gate.actor(caller, Action.MANAGE_ACCOUNTS, where)
        command = self.gate.command(caller, actor, account.version)
        return self.kaohe.accounts.grant(command, username, role, unit)

    def revoke(self, caller: Caller, username: str, role: Role, unit: str, reason: str) -> Outcome:
        account = self.kaohe.accounts.get(username)
        where = Target(f"account:{username}:{role.value}@{unit}", unit_id(unit))
        actor = self.gate.actor(caller, Action.MANAGE_ACCOUNTS, where)
        command = self.gate.command(caller, actor, account.version)
        return self.kaohe.accounts.revoke(command, username, role, unit, reason)

    def disable(self, caller: Caller, username: str, reason: str) -> Outcome:
        account = self.kaohe.accounts.get(username)
        command = self._account_command(caller, account)
        return self.kaohe.accounts.disable(command, username, reason)

    def _account_command(self, caller: Caller, account: Account) -> Command:
        """Managing an account needs a grant over every unit the account acts for."""
        actor: Actor | None = None
        for target in self._account_targets(account):
            actor = self.gate.actor(caller, Action.MANAGE_ACCOUNTS, target)
        assert actor is not None
        return self.gate.command(caller, actor, account.version)

    @staticmethod
    def _account_targets(account: Account) -> list[Target]:
        label = f"account:{account.username}"
        units = sorted({g.unit_id for g in account.grants.values()}, key=str)
        return [Target(label, u) for u in units] or [Target(label)]

    # Rubrics --------------------------------------------------------------------------

    def publish_rubric(self, caller: Caller, definition: Mapping[str, Any]) -> Outcome:
        known = definition if isinstance(definition, Mapping) else {}
        code, version = known.get("code"), known.get("version")
        target = Target(f"rubric:{code}:v{version}")
        command = self.gate.command(caller, self.gate.actor(caller, Action.PUBLISH_RUBRICS, target))
        return self.kaohe.rubrics.publish(command, definition)

    def retire_rubric(self, caller: Caller, code: str, version: int, reason: str) -> Outcome:
        published = self.kaohe.rubrics.find(code, version)
        target = Target(f"rubric:{code}:v{version}")
        actor = self.gate.actor(caller, Action.PUBLISH_RUBRICS, target)
        command = self.gate.command(caller, actor, published.version)
        return self.kaohe.rubrics.retire(command, code, version, reason)


def caller_for(username: str, correlation_id: str = "") -> Caller:
    """A caller by username (for tests and scripts that act as a known account)."""
    return Caller(account_id(username), correlation_id)
