"""What the rectification queries read: the items' read model and the items themselves."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Protocol
from uuid import UUID

from domain.rectification import Rectification


class RectificationRecord(Protocol):
    """An item as the rectifications read model holds it (status as its stored value)."""

    @property
    def rectification_id(self) -> UUID: ...
    @property
    def unit_id(self) -> UUID: ...
    @property
    def period(self) -> str: ...
    @property
    def source_kind(self) -> str: ...
    @property
    def campaign_id(self) -> UUID | None: ...
    @property
    def assessment_id(self) -> UUID | None: ...
    @property
    def problem(self) -> str: ...
    @property
    def owner_account(self) -> UUID | None: ...
    @property
    def owner_role(self) -> str | None: ...
    @property
    def deadline(self) -> date: ...
    @property
    def status(self) -> str: ...
    @property
    def opened_at(self) -> datetime: ...
    @property
    def version(self) -> int: ...

    def overdue(self, today: date) -> bool: ...


class RectificationsRead(Protocol):
    """The rectifications read model, current up to the log's head when asked."""

    def all_rectifications(self) -> Sequence[RectificationRecord]:
        """Every item, in the order opened."""
        ...


class RectificationHistory(Protocol):
    """Items replayed from the log, with every step they went through."""

    def get(self, rid: UUID) -> Rectification:
        """The item now (missing: not found)."""
        ...
