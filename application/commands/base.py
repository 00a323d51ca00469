"""What every command says about itself: its step, the aggregate it changes, whom to ask."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, fields, is_dataclass
from typing import Any, ClassVar
from uuid import UUID

from application.authorization import Action, GrantCheck, Target
from application.preconditions import check_whole
from domain.audit import AuditedAggregate
from domain.canonical import canonical_json
from domain.entries import ItemEntry
from domain.entry_data import entry_to_data
from domain.workflow import Layer


@dataclass(frozen=True, kw_only=True)
class Command:
    """A request to change the store. Subclasses name the policy's step, the command's name
    in idempotency records, and (for changes, not creates) the class of the aggregate they
    change; its id comes from `subject_id`."""

    step: ClassVar[Action]
    name: ClassVar[str]
    subject_type: ClassVar[type[AuditedAggregate] | None] = None
    refuse_submitter: ClassVar[bool] = False
    """A review step: nobody may take it on a sheet they submitted themselves."""

    def subject_id(self) -> UUID | None:
        """The aggregate this command changes (None: it creates its aggregates)."""
        return None

    def targets(self, subject: AuditedAggregate | None) -> list[Target]:
        """What to authorize, given the loaded subject; every target must be allowed."""
        raise NotImplementedError

    def grant_check(self, subject: AuditedAggregate | None) -> GrantCheck | None:
        """Why a grant the policy allows may still not take this step here (None: no more
        than the policy; steps on a sheet are checked by its rubric's workflow instead)."""
        return None

    def check_version(self, expected: int, subject: AuditedAggregate, layer: Layer | None) -> None:
        """Refuse a change based on another version than the current one of what it touches
        (by default the whole subject), before anything is checked or changed."""
        check_whole(expected, subject)

    def arguments(self) -> dict[str, Any]:
        """The canonical arguments: every field, in plain data."""
        return {f.name: plain(getattr(self, f.name)) for f in fields(self)}

    def fingerprint(self) -> str:
        """What a repeated idempotency key must match to replay the first result."""
        return hashlib.sha256(canonical_json([self.name, self.arguments()])).hexdigest()


def plain(value: object) -> object:
    """A field's value as canonical data (bytes by their SHA-256: a file is its content)."""
    if isinstance(value, ItemEntry):
        return entry_to_data(value)
    if isinstance(value, bytes):
        return hashlib.sha256(value).hexdigest()
    if isinstance(value, UUID):
        return str(value)
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | frozenset):
        return [plain(v) for v in value]
    if hasattr(value, "value") and not isinstance(value, str | int):
        return plain(value.value)
    return value
