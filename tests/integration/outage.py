"""Taking a store's database away in a test: its pool points at a port nobody listens on,
and the server processes of its connections (found by their application_name) are ended."""

from __future__ import annotations

import time
from typing import Any

import psycopg

from application.store import EventStore
from infra.persistence.postgres_recorder import application_name
from tests.conftest import POSTGRES_URL


def end_connections(schema: str) -> int:
    """Terminate the server processes of the store's connections; how many there were."""
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        rows = conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = %s",
            [application_name(schema)],
        ).fetchall()
    return len(rows)


def take_database_away(store: EventStore) -> Any:
    """Make the store's database unreachable; returns the port to give back."""
    datastore: Any = store.recorder.datastore  # type: ignore[attr-defined]
    port = datastore.pool.kwargs["port"]
    datastore.pool.kwargs["port"] = 1  # nothing listens there
    assert end_connections(datastore.schema) > 0
    for _ in range(50):  # a connection the pool was opening meanwhile
        time.sleep(0.05)
        if end_connections(datastore.schema) == 0:
            break
    return port


def bring_database_back(store: EventStore, port: Any) -> None:
    store.recorder.datastore.pool.kwargs["port"] = port  # type: ignore[attr-defined]
