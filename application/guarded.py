"""The guarded facade: every use case as a caller may ask for it, authorized first."""

from __future__ import annotations

import hashlib
from typing import Any
from uuid import UUID

from application.actor import Actor
from application.authorization import Action, Authorizer, Caller, Target
from application.errors import ConflictError
from application.guarded_assessments import GuardedAssessments
from application.runner import Command, Outcome
from application.service import Kaohe
from domain.account import Account
from domain.canonical import canonical_json
from domain.command_record import CommandRecord
from domain.ids import account_id, command_id


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

    # Accounts -------------------------------------------------------------------------

    @staticmethod
    def _account_targets(account: Account) -> list[Target]:
        label = f"account:{account.username}"
        units = sorted({g.unit_id for g in account.grants.values()}, key=str)
        return [Target(label, u) for u in units] or [Target(label)]


def caller_for(username: str, correlation_id: str = "") -> Caller:
    """A caller by username (for tests and scripts that act as a known account)."""
    return Caller(account_id(username), correlation_id)
