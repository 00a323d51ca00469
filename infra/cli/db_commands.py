"""`kaohe db harden`: the PostgreSQL store's ledger tables made append-only for the app's role."""

from __future__ import annotations

import click
import psycopg

from infra.cli.store import opened_store
from infra.db_harden import hardening
from infra.errors import HardenError
from infra.persistence.checkpoint_table import CheckpointTable
from infra.persistence.postgres_recorder import KaohePostgresRecorder
from infra.settings import Settings


@click.group("db")
def db_group() -> None:
    """The database (数据库) beneath the store."""


@db_group.command("harden")
@click.option("--app-role", required=True, help="The role the service and workers connect as.")
@click.option("--apply", "apply_it", is_flag=True, help="Run the SQL (default: print it).")
def harden(app_role: str, apply_it: bool) -> None:
    """Let APP_ROLE append to the events, their timestamp index and the checkpoints but not
    change or remove them, and make triggers refuse UPDATE, DELETE and TRUNCATE on them for
    every role. Run it as the role that should own the ledger, then connect the service as
    APP_ROLE."""
    settings = Settings.from_env()
    url = settings.postgres
    if url is None:
        raise click.ClickException("kaohe db harden needs PostgreSQL (KAOHE_DATABASE_URL)")
    with opened_store() as store:  # makes the ledger's tables when they are not there yet
        recorder = store.recorder
        assert isinstance(recorder, KaohePostgresRecorder)
        CheckpointTable(recorder)
        schema = recorder.datastore.schema
        prefix = recorder.events_table_name.removesuffix("_events")
    with psycopg.connect(str(settings.database_url)) as conn:
        try:
            plan = hardening(conn, schema, prefix, app_role)
        except HardenError as error:
            raise click.ClickException(str(error)) from None
        if not apply_it:
            click.echo(plan.script(conn), nl=False)
            return
        with conn.transaction():
            for statement in plan.statements():
                conn.execute(statement)
    click.echo(
        f"hardened {schema}.{prefix}_events, _event_times and _ledger_checkpoints: "
        f"{app_role} may append, nobody may change or remove them"
    )
