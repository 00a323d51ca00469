"""`kaohe db harden`: on PostgreSQL the application connects as a role that appends to the
ledger's tables but cannot change or remove what they hold, and triggers refuse any change
or removal whatever the role; commands, projections and the ledger check still work."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from uuid import uuid4

import psycopg
import pytest
from click.testing import CliRunner, Result
from psycopg import sql

from infra.bootstrap import open_event_store
from infra.settings import Settings
from tests.conftest import POSTGRES_URL
from tests.integration.web.world import build_world
from web.app import projections_of
from web.cli import main

pytestmark = pytest.mark.postgres


@pytest.fixture
def app_role() -> Iterator[str]:
    """A login role of its own, dropped with whatever it owns after the test."""
    name = f"kaohe_app_{uuid4().hex[:10]}"
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(name)))
    yield name
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP OWNED BY {} CASCADE").format(sql.Identifier(name)))
        conn.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(name)))


def kaohe(env: dict[str, str], *args: str) -> Result:
    return CliRunner().invoke(main, list(args), env=env)


def as_role(role: str) -> str:
    return POSTGRES_URL.replace("postgres@", f"{role}@", 1)


def refused(url: str, schema: str, statement: str) -> str:
    """The error PostgreSQL gives for a statement on the ledger's tables."""
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql.SQL("SET search_path TO {}").format(sql.Identifier(schema)))
        with pytest.raises(psycopg.Error) as error:
            conn.execute(statement)
    return str(error.value)


def event_count(schema: str) -> int:
    with psycopg.connect(POSTGRES_URL) as conn:
        query = sql.SQL("SELECT COUNT(*) FROM {}.kaohe_events").format(sql.Identifier(schema))
        row = conn.execute(query).fetchone()
    assert row is not None
    return int(row[0])


@pytest.mark.parametrize("store_env", ["postgres"], indirect=True)
def test_the_app_role_appends_but_cannot_change_or_remove_the_ledger(
    store_env: dict[str, str],
    app_role: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    schema = store_env["KAOHE_POSTGRES_SCHEMA"]
    printed = kaohe(store_env, "db", "harden", "--app-role", app_role)
    assert printed.exit_code == 0, printed.output
    assert "CREATE TRIGGER" in printed.output and event_count(schema) == 0  # printed, not run
    applied = kaohe(store_env, "db", "harden", "--app-role", app_role, "--apply")
    assert applied.exit_code == 0, applied.output

    app_env = store_env | {"KAOHE_DATABASE_URL": as_role(app_role)}
    for name, value in app_env.items():
        monkeypatch.setenv(name, value)
    store = open_event_store(Settings.from_env(app_env))
    try:
        world = build_world(store, tmp_path / "evidence")
        aid = world.assessment("V1", "2023Q2", "approved")
        projections_of(world.app).catch_up()
        page = world.client.get(f"/assessments/{aid}", headers=world.login("regulator"))
        assert page.status_code == 200
    finally:
        store.close()
    appended = event_count(schema)
    assert appended > 0

    rebuilt = kaohe(app_env, "projections", "rebuild")
    assert rebuilt.exit_code == 0, rebuilt.output
    checkpoint = kaohe(app_env, "ledger", "checkpoint", "-o", str(tmp_path / "kept.json"))
    assert checkpoint.exit_code == 0, checkpoint.output

    app_url = as_role(app_role)
    update = refused(app_url, schema, "UPDATE kaohe_events SET topic = topic")
    assert "UPDATE on" in update and "kaohe_events" in update and "only grow" in update
    assert "permission denied" in refused(app_url, schema, "DELETE FROM kaohe_events")
    assert "permission denied" in refused(app_url, schema, "TRUNCATE kaohe_events")
    assert "permission denied" in refused(app_url, schema, "DELETE FROM kaohe_event_times")
    assert "permission denied" in refused(
        app_url, schema, "UPDATE kaohe_ledger_checkpoints SET note = ''"
    )
    # The owner, and a superuser, are refused by the triggers all the same.
    for statement in (
        "DELETE FROM kaohe_events",
        "TRUNCATE kaohe_events CASCADE",
        "UPDATE kaohe_event_times SET originator_version = 0",
        "DELETE FROM kaohe_ledger_checkpoints",
    ):
        assert "refused: the ledger" in refused(POSTGRES_URL, schema, statement), statement
    assert event_count(schema) == appended

    verified = kaohe(app_env, "ledger", "verify", "--checkpoint", str(tmp_path / "kept.json"))
    assert verified.exit_code == 0, verified.output


@pytest.mark.parametrize("store_env", ["postgres"], indirect=True)
def test_hardening_refuses_to_take_the_connecting_role_as_the_app_role(
    store_env: dict[str, str],
) -> None:
    result = kaohe(store_env, "db", "harden", "--app-role", "postgres", "--apply")

    assert result.exit_code != 0
    assert "--app-role must not be the role that owns the ledger (postgres)" in result.output


def test_hardening_needs_postgresql(tmp_path: Path) -> None:
    result = kaohe(
        {"KAOHE_DATA_DIR": str(tmp_path), "KAOHE_DATABASE_URL": ""},
        "db",
        "harden",
        "--app-role",
        "kaohe_app",
    )

    assert result.exit_code != 0
    assert "kaohe db harden needs PostgreSQL (KAOHE_DATABASE_URL)" in result.output
