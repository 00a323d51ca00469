"""Errors of the infrastructure: settings, the store, keys and signed notes, the witness,
checkpoints, hardening, and the projections' tables, versions and rebuilds; each message says
what was wrong and what to do."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from infra.projections.failures import Failure


class SettingsError(ValueError):
    """A setting the process cannot run with; the message names the variable and the fix."""


class StoreUnreachableError(RuntimeError):
    """The event store's database does not accept connections; the message says which
    database and why."""


class HardenError(Exception):
    """The store cannot be hardened as asked (says why and what is allowed)."""


class KeyFileError(ValueError):
    """A key file that cannot be read as an Ed25519 key; the message names the file."""


class NoteError(ValueError):
    """A note, key or signature line that is not in the format; the message says which."""


class WitnessRefusedError(ValueError):
    """The witness will not cosign; the message says why (a fork is the reason that matters)."""


class CheckpointRefusedError(ValueError):
    """The checkpoint file itself cannot be trusted (signature, key or leaves)."""


class TableRequestError(ValueError):
    """A table asked for with a name, unit or period that does not exist or does not fit."""


class StaleVersionError(RuntimeError):
    """The version a runner was writing was switched out and dropped; read the catalog again."""


class RebuildRunningError(RuntimeError):
    """Another process is rebuilding this projection."""


class ProjectionFailedError(RuntimeError):
    """A projection cannot apply an event; it stays before it and is retried, never skips it."""

    def __init__(self, name: str, version: int, failure: Failure) -> None:
        super().__init__(
            f"{name} v{version} stopped at position {failure.position} "
            f"({failure.topic} of {failure.aggregate_id} v{failure.aggregate_version}): "
            f"{failure.error}"
        )
        self.name, self.version, self.failure = name, version, failure


class ParallelRebuildError(ValueError):
    """A parallel rebuild was asked for where it cannot run."""
