"""Opening the configured event store for a command, with a clear error when it cannot."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import click
from eventsourcing.persistence import PersistenceError

from application.store import EventStore
from infra.bootstrap import open_event_store
from infra.errors import SettingsError, StoreUnreachableError
from infra.settings import Settings


@contextmanager
def opened_store() -> Iterator[EventStore]:
    """The store the environment names, closed afterwards."""
    try:
        store = open_event_store(Settings.from_env())
    except (SettingsError, StoreUnreachableError, PersistenceError, OSError) as error:
        raise click.ClickException(f"cannot open the event store: {error}") from None
    try:
        yield store
    finally:
        store.close()
