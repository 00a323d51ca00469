"""What the queries read, as protocols: the read models' rows and readers, implemented in infra."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol
from uuid import UUID


class GrantRecord(Protocol):
    """A role held over a unit's subtree (role as its stored value)."""

    @property
    def grant_id(self) -> UUID: ...
    @property
    def role(self) -> str: ...
    @property
    def unit_id(self) -> UUID: ...


class AccountRecord(Protocol):
    """An account as the accounts read model holds it."""

    @property
    def account_id(self) -> UUID: ...
    @property
    def username(self) -> str: ...
    @property
    def display_name(self) -> str: ...
    @property
    def disabled(self) -> bool: ...
    @property
    def grants(self) -> Sequence[GrantRecord]: ...


class CampaignRecord(Protocol):
    """A campaign as the campaigns read model holds it (stage as its stored value)."""

    @property
    def campaign_id(self) -> UUID: ...
    @property
    def county_id(self) -> UUID: ...
    @property
    def period(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def stage(self) -> str: ...
    @property
    def mode(self) -> str: ...
    @property
    def size(self) -> int: ...
    @property
    def opened_at(self) -> datetime: ...
    @property
    def closed_at(self) -> datetime | None: ...


class AccountsRead(Protocol):
    """The accounts read model, current up to the log's head when asked."""

    def account(self, account_id: UUID) -> AccountRecord | None: ...

    def account_by_username(self, username: str) -> AccountRecord | None: ...

    def all_accounts(self) -> Sequence[AccountRecord]:
        """Every account, by username."""
        ...


class CampaignsRead(Protocol):
    """The campaigns read model, current up to the log's head when asked."""

    def all_campaigns(self) -> Sequence[CampaignRecord]:
        """Every campaign, in the order opened."""
        ...


class UnitTree(Protocol):
    """The unit hierarchy as the units read model holds it now."""

    def subtree(self, root: UUID) -> frozenset[UUID]:
        """The unit and every unit below it."""
        ...


class ReadModels(Protocol):
    """Every read model the queries use."""

    def accounts(self) -> AccountsRead: ...

    def campaigns(self) -> CampaignsRead: ...

    def units(self) -> UnitTree: ...
