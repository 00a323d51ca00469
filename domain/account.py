"""Accounts, and the roles granted to them over unit subtrees."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any
from uuid import UUID, uuid5

from domain.audit import AuditedAggregate, Stamp, require_reason
from domain.errors import DomainError
from domain.ids import account_id

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{2,63}$")


class Role(StrEnum):
    """What an account may do, always over one unit's subtree."""

    STATION_STAFF = "station_staff"
    TOWN_REVIEWER = "town_reviewer"
    COUNTY_AUDITOR = "county_auditor"
    CITY_REGULATOR = "city_regulator"
    ADMINISTRATOR = "administrator"


ROLE_RANK = {role: rank for rank, role in enumerate(Role)}
"""Higher ranks act for higher levels: station < town < county < city < administrator."""


def outranks(role: str, other: str) -> bool:
    """Whether `role` acts for a higher level than `other` (unknown roles rank lowest)."""
    return ROLE_RANK.get(Role(role), -1) > ROLE_RANK.get(Role(other), -1)


@dataclass(frozen=True)
class Grant:
    """A role over a unit's subtree, given by an event so that who gave it is auditable."""

    grant_id: UUID
    role: Role
    unit_id: UUID


class Account(AuditedAggregate):
    """A person's account. Invariants: the username never changes; a disabled account takes
    no changes; a role over a unit is granted at most once at a time. The password hash is
    kept beside the events, never inside one."""

    class Created(AuditedAggregate.Created):
        username: str
        display_name: str

        def apply(self, aggregate: Any) -> None:
            super().apply(aggregate)
            aggregate.username = self.username
            aggregate.display_name = self.display_name
            aggregate.grants = {}
            aggregate.disabled = False
            aggregate.has_password = False
            aggregate.credential_generation = 0

    class PasswordSet(AuditedAggregate.Event):
        """The account's password was set: at creation, or by its holder (who gave the
        current one). Tokens issued before it stop working."""

        def apply(self, aggregate: Any) -> None:
            super().apply(aggregate)
            aggregate.has_password = True
            aggregate.credential_generation += 1

    class PasswordReset(AuditedAggregate.Event):
        """An administrator set a new password for someone else's account, with a reason
        (say, the holder forgot it). Tokens issued before it stop working."""

        def apply(self, aggregate: Any) -> None:
            super().apply(aggregate)
            aggregate.has_password = True
            aggregate.credential_generation += 1

    class RoleGranted(AuditedAggregate.Event):
        grant_id: UUID
        role: str
        unit_id: UUID

        def apply(self, aggregate: Any) -> None:
            super().apply(aggregate)
            aggregate.grants[self.grant_id] = Grant(self.grant_id, Role(self.role), self.unit_id)

    class RoleRevoked(AuditedAggregate.Event):
        grant_id: UUID

        def apply(self, aggregate: Any) -> None:
            super().apply(aggregate)
            del aggregate.grants[self.grant_id]

    class Disabled(AuditedAggregate.Event):
        def apply(self, aggregate: Any) -> None:
            super().apply(aggregate)
            aggregate.disabled = True

    class AccessDenied(AuditedAggregate.Event):
        """The account attempted `action` on `target` (`target_unit`: the unit it belongs to,
        None when it has none) and was refused; `reason` says why. The stamp names the
        account and the grant it came closest with (role and unit; empty when it holds
        none). It changes no state: it is kept so that refusals show in the audit trail.
        `repeats` counts the refusals of the same kind not recorded one by one since the
        last recorded (version 1 had none: read as 0)."""

        class_version = 2

        action: str
        target: str
        target_unit: UUID | None
        repeats: int

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state["repeats"] = 0

    username: str
    display_name: str
    grants: dict[UUID, Grant]
    disabled: bool
    has_password: bool
    credential_generation: int
    """How many times the password was set: a token carries the generation it was issued
    in and works only while that is still the account's."""

    def __init__(self) -> None:
        """State comes from the events' apply methods."""

    @classmethod
    def create(cls, stamp: Stamp, username: str, display_name: str) -> Account:
        name = username.strip().casefold()
        if not USERNAME.match(name):
            raise DomainError(
                f"username {username!r} is not allowed: use 3–64 lower-case letters, digits, "
                "dots, hyphens or underscores, starting with a letter or digit"
            )
        if not display_name.strip():
            raise DomainError("an account needs a display name")
        return cls._start(
            cls.Created, account_id(name), stamp, username=name, display_name=display_name.strip()
        )

    def record_password_set(self, stamp: Stamp) -> None:
        """Record that the password changed; the hash itself is saved beside this event."""
        self._check_enabled("set the password of")
        self._emit(self.PasswordSet, stamp)

    def reset_password(self, stamp: Stamp, reason: str) -> None:
        """Record that an administrator set a new password for this account (the hash is
        saved beside this event); never one's own, which needs the current password."""
        self._check_enabled("reset the password of")
        if stamp.actor_id == str(self.id):
            raise DomainError(
                "to change your own password, give your current one; "
                "a reset is for someone else's account"
            )
        self._emit(self.PasswordReset, stamp, require_reason(reason, "reset a password"))

    def grant(self, stamp: Stamp, role: Role, unit_id: UUID) -> Grant:
        self._check_enabled("grant a role to")
        grant_id = uuid5(self.id, f"{role.value}:{unit_id}")
        if grant_id in self.grants:
            raise DomainError(f"{self.username} already holds {role.value} over that unit")
        self._emit(self.RoleGranted, stamp, grant_id=grant_id, role=role.value, unit_id=unit_id)
        return self.grants[grant_id]

    def revoke(self, stamp: Stamp, grant_id: UUID, reason: str) -> None:
        self._check_enabled("revoke a role of")
        if grant_id not in self.grants:
            raise DomainError(f"{self.username} holds no grant {grant_id}")
        self._emit(
            self.RoleRevoked, stamp, require_reason(reason, "revoke a role"), grant_id=grant_id
        )

    def disable(self, stamp: Stamp, reason: str) -> None:
        self._check_enabled("disable")
        self._emit(self.Disabled, stamp, require_reason(reason, "disable an account"))

    def record_access_denied(
        self,
        stamp: Stamp,
        action: str,
        target: str,
        target_unit: UUID | None,
        why: str,
        repeats: int = 0,
    ) -> None:
        """Record a refused attempt (also by a disabled account: refusals are always kept)."""
        if not action.strip() or not target.strip():
            raise DomainError("a refused attempt names its action and its target")
        self._emit(
            self.AccessDenied,
            stamp,
            require_reason(why, "record a refused attempt"),
            action=action.strip(),
            target=target.strip(),
            target_unit=target_unit,
            repeats=repeats,
        )

    def _check_enabled(self, action: str) -> None:
        if self.disabled:
            raise DomainError(f"account {self.username} is disabled; cannot {action} it")
