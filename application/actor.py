"""Who is acting: resolved on the server from the account's grants, never from the request."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from domain.account import Role
from domain.audit import Stamp


@dataclass(frozen=True)
class Actor:
    """An account acting in one of its roles for one unit."""

    account_id: UUID
    role: Role
    unit_id: UUID

    def stamp(self, at: datetime, correlation_id: str) -> Stamp:
        return Stamp(str(self.account_id), self.role.value, str(self.unit_id), at, correlation_id)


SYSTEM = Actor(UUID(int=0), Role.ADMINISTRATOR, UUID(int=0))
"""The actor of set-up commands run from the command line (demo data, rubric import)."""
