"""What the queries read, as protocols: the read models' rows and readers, implemented in infra."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol
from uuid import UUID

from application.campaigns import Verification
from application.rectification_ports import RectificationHistory, RectificationsRead
from domain.account import Account
from domain.assessment import Assessment
from domain.campaign import Campaign
from domain.rubric import Rubric
from domain.rubric_version import RubricVersion
from domain.signal_register import SignalRegister
from domain.unit import Unit


@dataclass(frozen=True)
class StoredChange:
    """One event of an aggregate's history: its payload as recorded (`state`, for its hash
    and fields as kept), and `event`, the typed event it reads back as (upcast), for what
    it means."""

    version: int
    topic: str
    state: dict[str, Any]
    event: Any


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
    @property
    def version(self) -> int: ...
    @property
    def method(self) -> str: ...
    @property
    def frame_size(self) -> int: ...
    @property
    def frame_hash(self) -> str | None:
        """The frozen frame's hash (None: not frozen yet)."""
        ...

    @property
    def sampled(self) -> int: ...


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


class CampaignHistory(Protocol):
    """Campaigns replayed from the log: one as it stands or stood, and its draw verified."""

    def get(self, cid: UUID, version: int | None = None, as_of: datetime | None = None) -> Campaign:
        """The campaign now, at a version, or as it stood at a moment (missing: not found)."""
        ...

    def verify(self, cid: UUID) -> Verification:
        """The sample redrawn from the recorded frame and seed, and every difference."""
        ...


class SignalRegisters(Protocol):
    """The registers of recorded risk signals, replayed from the log."""

    def find(self, county_id: UUID, period: str) -> SignalRegister | None:
        """The county's register of the period as it stands (none recorded yet: None)."""
        ...


class Logins(Protocol):
    """Passwords checked against the stored credentials."""

    def authenticate(self, username: str, password: str) -> Account:
        """The account for these credentials; the same error for every kind of failure."""
        ...


class AssessmentsRead(Protocol):
    """Assessments replayed from the log, and what a sheet shows beside its events."""

    def exists(self, aid: UUID) -> bool: ...

    def assessment(
        self, aid: UUID, version: int | None = None, as_of: datetime | None = None
    ) -> Assessment:
        """The assessment now, at a version, or as it stood at a moment (missing: not found)."""
        ...

    def rubric_of(self, assessment: Assessment) -> Rubric:
        """The rubric version the assessment was opened against."""
        ...

    def evidence_file(self, sha256: str) -> bytes | None: ...


class RubricsRead(Protocol):
    """Published rubric versions: the list from the scores read model, each from the log."""

    def published(self) -> Sequence[Rubric]:
        """Every published version's rubric (retired ones too)."""
        ...

    def version(self, rid: UUID, version: int | None = None) -> RubricVersion:
        """A published version now or after one of its events (missing: not found)."""
        ...

    def by_code(self, code: str, version: int) -> RubricVersion:
        """A published version by its code and number (missing: not found)."""
        ...

    def find(self, rid: UUID) -> RubricVersion | None: ...

    def rubric(self, rid: UUID) -> Rubric:
        """The rubric a published version holds."""
        ...


class LogRead(Protocol):
    """The event log: each aggregate's stored events, and where the log stood when."""

    def history(self, aggregate_id: UUID) -> Sequence[StoredChange]:
        """Every event of one aggregate as stored (no upcasting), oldest first."""
        ...

    def position_at(self, at: datetime) -> int | None:
        """The last log position at or before a moment (None: nothing yet)."""
        ...

    def head(self) -> int:
        """The position of the last event recorded (0: none yet)."""
        ...

    def wait_for(self, position: int) -> None:
        """Wait (briefly) until every read model has applied the log up to a position."""
        ...


class UnitRecord(Protocol):
    """A unit as the units read model holds it after its last event (level as stored)."""

    @property
    def unit_id(self) -> UUID: ...
    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def level(self) -> str: ...
    @property
    def parent_id(self) -> UUID | None: ...
    @property
    def contact(self) -> str: ...
    @property
    def phone(self) -> str: ...
    @property
    def closed(self) -> bool: ...
    @property
    def version(self) -> int: ...


class UnitTree(Protocol):
    """The unit hierarchy as the units read model holds it (now, or on a day)."""

    def subtree(self, root: UUID, on: date | None = None) -> frozenset[UUID]:
        """The unit and every unit below it, under the hierarchy in force on `on` (None:
        the latest)."""
        ...

    def ever_under(self, root: UUID) -> frozenset[UUID]:
        """Every unit that was in the subtree of `root` on some day."""
        ...

    def unit(self, unit_id: UUID) -> UnitRecord | None: ...

    def children(self) -> Mapping[UUID, Sequence[UUID]]:
        """The units directly below each unit, under their latest parents."""
        ...


class UnitsRead(Protocol):
    """Units replayed from the log: what a unit's page and its ETag show."""

    def by_code(self, code: str) -> Unit:
        """The unit now (missing: not found)."""
        ...

    def by_id(self, unit_id: UUID, version: int | None = None) -> Unit:
        """The unit now or after one of its events (missing: not found)."""
        ...


class ReadModels(Protocol):
    """Every read model the queries use."""

    def accounts(self) -> AccountsRead: ...

    def campaigns(self) -> CampaignsRead: ...

    def campaign_aggregates(self) -> CampaignHistory: ...

    def rectifications(self) -> RectificationsRead: ...

    def rectification_aggregates(self) -> RectificationHistory: ...
    def signal_registers(self) -> SignalRegisters: ...

    def logins(self) -> Logins: ...

    def units(self) -> UnitTree: ...

    def unit_aggregates(self) -> UnitsRead: ...

    def assessments(self) -> AssessmentsRead: ...

    def rubrics(self) -> RubricsRead: ...

    def log(self) -> LogRead: ...
