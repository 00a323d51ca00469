"""`kaohe export TABLE`: a table bureaus hand up, now or as of a moment, as CSV, JSON or XLSX."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import click

from domain.china_time import china_day
from infra.cli.store import opened_store
from infra.clock import SystemClock
from infra.export import write_csv_tables, write_json, write_xlsx
from infra.export_stamp import Stamp, Stamper, pinned_position
from infra.ledger_keys import LOG_NAME, SigningKey, log_key_path, open_signing_key
from infra.projections.registry import Projections
from infra.projections.tables import TABLES, TableRequest, read_tables
from infra.settings import Settings
from projections.tables import Table


def moment(value: str | None) -> datetime | None:
    """An ISO time; without a zone it is taken as China Standard Time (UTC+8)."""
    if value is None:
        return None
    try:
        found = datetime.fromisoformat(value)
    except ValueError:
        msg = f"--as-of {value!r} is not an ISO time; write it like 2023-06-30T18:00:00+08:00"
        raise click.BadParameter(msg) from None
    if found.tzinfo is None:
        found = datetime.fromisoformat(f"{value}+08:00")
    return found


@click.command("export")
@click.argument("table", type=click.Choice(TABLES))
@click.option("--unit", help="Code of the unit whose subtree to include (default: all).")
@click.option("--period", help="A quarter like 2023Q2 or a year like 2023 (default: all).")
@click.option("--as-of", "as_of", help="Show the table as it stood at this ISO time.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["csv", "json", "xlsx"]),
    default="csv",
    show_default=True,
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file (default: standard output; required for xlsx).",
)
def export(
    table: str,
    unit: str | None,
    period: str | None,
    as_of: str | None,
    output_format: str,
    output: Path | None,
) -> None:
    """Export a table. Several units or periods give several tables: one worksheet each in
    XLSX, a JSON list, or CSV blocks (each after a title row) separated by a blank line."""
    if output_format == "xlsx" and output is None:
        raise click.UsageError("xlsx is binary: name a file with -o")
    clock = SystemClock()
    request = TableRequest(table, unit, period, moment(as_of), china_day(clock.now()))
    settings = Settings.from_env()
    with opened_store() as store:
        projections = Projections(store)
        projections.catch_up()
        try:
            position = pinned_position(projections, request.as_of)
            tables = read_tables(projections, request, position)
        except ValueError as error:  # a request or rubric that does not fit (TableRequestError …)
            raise click.ClickException(str(error)) from None
        if not tables:
            raise click.ClickException(f"nothing to export: no assessments for the {table} table")
        key_path = log_key_path(settings.data_dir)
        stamper = Stamper(store.recorder, lambda: quiet_log_key(key_path), clock.now)
        assert request.today is not None
        stamp = stamper.stamp(
            tables, table, [unit] if unit else [], period, request.as_of, request.today, position
        )
    write(tables, stamp, output_format, output)
    if output is not None:
        click.echo(f"{len(tables)} table(s) written to {output}", err=True)


def write(tables: list[Table], stamp: Stamp, output_format: str, output: Path | None) -> None:
    if output_format == "xlsx":
        assert output is not None
        write_xlsx(stamp.stamped(tables), output)
        return
    stream = sys.stdout if output is None else output.open("w", encoding="utf-8", newline="")
    try:
        if output_format == "json":
            stamped = stamp.stamped(tables)
            write_json(stamped[0] if len(stamped) == 1 else stamped, stream)
        else:
            write_csv_tables(tables, stream, bom=output is not None, trailer=stamp.lines())
    finally:
        if output is not None:
            stream.close()


def quiet_log_key(path: Path) -> SigningKey:
    """The log key; a new one is announced on standard error, so standard output stays the
    table."""
    key, created = open_signing_key(path, LOG_NAME)
    if created:
        click.echo(f"made the log key {path}; its public key: {key.verifier().text()}", err=True)
    return key
