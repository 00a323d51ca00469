"""Errors of the application layer, each saying what was wrong and what is allowed."""

from __future__ import annotations

from typing import Any

from domain.errors import DomainError


class NotFoundError(LookupError):
    """The thing named does not exist (or did not exist at the time asked about)."""


class ConflictError(Exception):
    """The change was based on an old version, or collides with what already exists."""

    def __init__(
        self,
        message: str,
        current_version: int | None = None,
        changed: list[dict[str, Any]] | None = None,
    ) -> None:
        super().__init__(message)
        self.current_version = current_version
        self.changed = changed
        """What changed since the version the change was based on (items of a sheet)."""


class PermissionDeniedError(Exception):
    """The actor's grants do not allow this action on this unit; `action` and `target` say
    which step on what, for pages to word the refusal."""

    def __init__(self, message: str, action: str = "", target: str = "") -> None:
        super().__init__(message)
        self.action = action
        self.target = target


class AuthenticationError(Exception):
    """Wrong username or password, or a disabled account."""


class WrongPasswordError(Exception):
    """The current password given to change it is wrong (counted like a failed login)."""


class EvidenceAlteredError(Exception):
    """A stored evidence file no longer hashes to the SHA-256 its event recorded."""


class StepOutOfOrderError(ConflictError, DomainError):
    """A campaign's step asked for at another stage: a conflict with what was done (409),
    and a rule of the campaign that nothing is checked past."""
