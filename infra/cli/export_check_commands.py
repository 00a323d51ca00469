"""`kaohe ledger verify-export FILE`: a downloaded table checked against the ledger by its stamp."""

from __future__ import annotations

from pathlib import Path

import click

from infra.cli.checkpoint_commands import default_log_key
from infra.cli.store import opened_store
from infra.errors import KeyFileError
from infra.export_verify import verify_export
from infra.ledger_keys import read_verifier_key as read_key
from infra.projections.registry import Projections

FILE = click.Path(exists=True, dir_okay=False, path_type=Path)


@click.command("verify-export")
@click.argument("path", type=FILE)
@click.option("--key", type=FILE, help="The log's public key (default: the store's own).")
@click.pass_context
def verify_export_command(ctx: click.Context, path: Path, key: Path | None) -> None:
    """Check a downloaded table (XLSX, CSV or JSON): its checkpoint's signature, that the
    ledger still has that checkpoint's root, and that the table recomputed at the stamp's
    log position has the file's rows; exit 1 naming what differs."""
    try:
        verifier = read_key(key) if key is not None else default_log_key()
        with opened_store() as store:
            report = verify_export(Projections(store), path, verifier)
    except (ValueError, KeyFileError) as error:
        raise click.ClickException(f"{path} refused: {error}") from None
    stamp = report.stamp
    where = f"{stamp.table} at log position {stamp.position}, checkpoint of {stamp.tree_size}"
    if report.ok:
        click.echo(f"export verified: {where}; the file's rows are the ledger's")
        return
    click.echo(f"export NOT verified ({where}): {len(report.problems)} problem(s)")
    for problem in report.problems:
        click.echo(f"  {problem}")
    ctx.exit(1)
