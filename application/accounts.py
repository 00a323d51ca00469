"""Use cases for accounts, passwords and grants."""

from __future__ import annotations

from uuid import UUID

from application.errors import (
    AuthenticationError,
    ConflictError,
    NotFoundError,
    WrongPasswordError,
)
from application.ports import PasswordHasher
from application.runner import Command, CommandRunner, Outcome
from domain.account import Account, Role
from domain.audit import Stamp
from domain.errors import DomainError
from domain.ids import account_id, unit_id
from domain.unit import Unit

MIN_PASSWORD = 10


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise DomainError(f"a password needs at least {MIN_PASSWORD} characters")


class AccountService:
    """Accounts: created with a password, granted roles over unit subtrees, disabled."""

    def __init__(self, runner: CommandRunner, hasher: PasswordHasher) -> None:
        self.runner = runner
        self.hasher = hasher
        self._dummy: str | None = None

    def get(self, username: str) -> Account:
        return self.runner.load(Account, account_id(username), f"account {username}")

    def exists(self, username: str) -> bool:
        return self.runner.find(Account, account_id(username)) is not None

    def get_by_id(self, aid: UUID) -> Account:
        return self.runner.load(Account, aid, f"account {aid}")

    def create(self, command: Command, username: str, display_name: str, password: str) -> Outcome:
        check_password(password)
        if self.exists(username):
            raise ConflictError(f"account {username} already exists")
        password_hash = self.hasher.hash(password)

        def change(stamp: Stamp) -> list[Account]:
            account = Account.create(stamp, username, display_name)
            account.record_password_set(stamp)
            return [account]

        args = {"username": username, "display_name": display_name}
        credential = [(account_id(username), password_hash)]
        return self.runner.run(command, "create_account", args, change, credentials=credential)

    def change_password(
        self, command: Command, username: str, current: str, password: str
    ) -> Outcome:
        """The holder sets a new password, proving the current one (wrong: WrongPasswordError)."""
        account = self.get(username)
        stored = self.runner.store.history.credential(account.id)
        if stored is None or not self.hasher.verify(stored, current):
            raise WrongPasswordError(
                "the current password is wrong; give the password you log in with now"
            )
        check_password(password)
        credential = [(account.id, self.hasher.hash(password))]

        def change(stamp: Stamp) -> list[Account]:
            account.record_password_set(stamp)
            return [account]

        args = {"username": username}
        return self.runner.run(command, "change_password", args, change, credentials=credential)

    def reset_password(
        self, command: Command, username: str, password: str, reason: str
    ) -> Outcome:
        """An administrator sets a new password for someone else's account, with a reason."""
        check_password(password)
        account = self.get(username)
        credential = [(account.id, self.hasher.hash(password))]

        def change(stamp: Stamp) -> list[Account]:
            account.reset_password(stamp, reason)
            return [account]

        args = {"username": username, "reason": reason}
        return self.runner.run(command, "reset_password", args, change, credentials=credential)

    def grant(self, command: Command, username: str, role: Role, unit_code: str) -> Outcome:
        account = self.get(username)
        unit = unit_id(unit_code)
        self.runner.load(Unit, unit, f"unit {unit_code}")
        args = {"username": username, "role": role.value, "unit": unit_code}
        return self.runner.update(
            command, "grant_role", args, account, lambda s: account.grant(s, role, unit)
        )

    def revoke(
        self, command: Command, username: str, role: Role, unit_code: str, reason: str
    ) -> Outcome:
        account = self.get(username)
        grant = next(
            (
                g
                for g in account.grants.values()
                if g.role is role and g.unit_id == unit_id(unit_code)
            ),
            None,
        )
        if grant is None:
            raise NotFoundError(f"{username} holds no {role.value} grant over {unit_code}")
        args = {"username": username, "role": role.value, "unit": unit_code}
        return self.runner.update(
            command,
            "revoke_role",
            args,
            account,
            lambda s: account.revoke(s, grant.grant_id, reason),
        )

    def disable(self, command: Command, username: str, reason: str) -> Outcome:
        account = self.get(username)
        args = {"username": username, "reason": reason}
        return self.runner.update(
            command, "disable_account", args, account, lambda s: account.disable(s, reason)
        )

    def authenticate(self, username: str, password: str) -> Account:
        """The account for these credentials; the same error for every kind of failure."""
        failure = AuthenticationError("wrong username or password")
        try:
            account = self.get(username)
        except NotFoundError:
            self.hasher.verify(self._dummy_hash(), password)  # as long as a real check
            raise failure from None
        stored = self.runner.store.history.credential(account.id)
        if account.disabled or stored is None or not self.hasher.verify(stored, password):
            raise failure
        return account

    def _dummy_hash(self) -> str:
        """A real hash to verify against for unknown usernames, so timing reveals nothing."""
        if self._dummy is None:
            self._dummy = self.hasher.hash("no account has this password")
        return self._dummy
