"""Shared fixtures: an empty event store on SQLite and, when reachable, on PostgreSQL."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from uuid import uuid4

import psycopg
import pytest
from psycopg import sql

from application.store import EventStore
from infra.bootstrap import open_event_store
from infra.settings import Settings

if TYPE_CHECKING:
    from tests.integration.web.demo_api import LoadedDemo

POSTGRES_URL = os.environ.get(
    "KAOHE_TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test"
)
"""Trust auth, database `test`; each test gets its own schema in it."""


@pytest.fixture(scope="session")
def postgres_down() -> str | None:
    """Why PostgreSQL cannot be used (None when it can): checked once per session."""
    try:
        with psycopg.connect(POSTGRES_URL, connect_timeout=3):
            return None
    except psycopg.OperationalError as error:
        return " ".join(str(error).split())


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_env(
    request: pytest.FixtureRequest, tmp_path: Path, postgres_down: str | None
) -> Iterator[dict[str, str]]:
    """The KAOHE_* variables of a fresh, empty store: a SQLite file in tmp_path, or a new
    PostgreSQL schema dropped (CASCADE) after the test."""
    if request.param == "sqlite":
        yield {"KAOHE_DATA_DIR": str(tmp_path)}
        return
    if postgres_down is not None:
        why = f"PostgreSQL at {POSTGRES_URL} is unreachable: {postgres_down}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{why} (CI=true: the PostgreSQL tests must run in CI)")
        pytest.skip(why)
    schema = f"kaohe_test_{uuid4().hex[:12]}"
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
    try:
        yield {
            "KAOHE_DATA_DIR": str(tmp_path),
            "KAOHE_DATABASE_URL": POSTGRES_URL,
            "KAOHE_POSTGRES_SCHEMA": schema,
        }
    finally:
        with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(schema)))


@pytest.fixture
def settings(store_env: dict[str, str]) -> Settings:
    return Settings.from_env(store_env)


@pytest.fixture
def store(settings: Settings) -> Iterator[EventStore]:
    """An opened event store on the parametrised backend, closed after the test."""
    event_store = open_event_store(settings)
    try:
        yield event_store
    finally:
        event_store.close()


@pytest.fixture(scope="session")
def loaded_demo(tmp_path_factory: pytest.TempPathFactory) -> LoadedDemo:
    """The demo quarter loaded once per session (per worker); modules and browser tests
    work on copies of its folder."""
    from tests.integration.web.demo_api import load_demo_once

    return load_demo_once(tmp_path_factory.mktemp("demo"))
