"""`kaohe ledger checkpoint` and `verify --checkpoint`: signed tree heads kept outside the store."""

from __future__ import annotations

import json
from pathlib import Path

import click

from infra.checkpoints import CheckpointFile, checkpoint_file, make_checkpoint
from infra.cli.store import opened_store
from infra.clock import SystemClock
from infra.errors import CheckpointRefusedError, KeyFileError
from infra.ledger_against_checkpoint import CheckpointReport, verify_against_checkpoint
from infra.ledger_keys import LOG_NAME, log_key_path, open_signing_key
from infra.ledger_keys import read_verifier_key as read_key
from infra.settings import Settings
from infra.signed_note import VerifierKey


@click.command("checkpoint")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the checkpoint file here (default: print it).")  # fmt: skip
def checkpoint(output: Path | None) -> None:
    """Sign a checkpoint of every stored event (the log key is made on first use)."""
    data_dir = Settings.from_env().data_dir
    key, created = open_signing_key(log_key_path(data_dir), LOG_NAME)
    if created:
        public = log_key_path(data_dir).with_suffix(".pub")
        click.echo(
            f"made the log key {log_key_path(data_dir)}; its public key, {public}:", err=True
        )
        click.echo(f"  {key.verifier().text()}", err=True)
        click.echo(f"  fingerprint {key.verifier().fingerprint()}", err=True)
    with opened_store() as store:
        row = make_checkpoint(store.recorder, key, SystemClock().now())
        kept = checkpoint_file(store.recorder, row)
    text = json.dumps(kept.to_json(key.verifier().text()), ensure_ascii=False, indent=1)
    archive = data_dir / "ledger" / "checkpoints" / f"{row.tree_size}.json"
    for path in (archive, output):
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text + "\n", encoding="utf-8")
    if output is None:
        click.echo(row.note, nl=False)
    else:
        click.echo(f"checkpoint of {row.tree_size} events written to {output}")


def check_against(path: Path, key_path: Path | None) -> CheckpointReport:
    """The store compared with the checkpoint file at `path` (a click error if unusable)."""
    try:
        kept = CheckpointFile.read(path)
        key = _log_key(key_path, kept)
        with opened_store() as store:
            return verify_against_checkpoint(store.recorder, kept, key)
    except (ValueError, KeyFileError, CheckpointRefusedError) as error:
        raise click.ClickException(f"checkpoint {path} refused: {error}") from None


def _log_key(key_path: Path | None, kept: CheckpointFile) -> VerifierKey:
    if key_path is not None:
        return read_key(key_path)
    return default_log_key()


def default_log_key() -> VerifierKey:
    """The store's own public log key (a regulator passes their copy with --key instead)."""
    default = log_key_path(Settings.from_env().data_dir).with_suffix(".pub")
    if default.exists():
        return read_key(default)
    raise KeyFileError(f"no log public key: give --key (the log keeps it in {default})")


def echo_checkpoint_report(report: CheckpointReport) -> None:
    if report.ok:
        grown = report.store_size - report.tree_size
        click.echo(
            f"checkpoint verified: the store's first {report.tree_size} events are the "
            f"checkpoint's, and {grown} were added since"
        )
        return
    click.echo(f"checkpoint NOT verified: {len(report.problems)} event(s) differ from it")
    for problem in report.problems:
        click.echo(
            f"  aggregate {problem.aggregate_id} version {problem.version}: {problem.problem}"
        )
