"""`kaohe ledger bundle`: one sheet's events and proofs for a regulator to verify offline."""

from __future__ import annotations

import json
from pathlib import Path
from uuid import UUID

import click
from eventsourcing.persistence import ApplicationRecorder

from infra.bundle import make_bundle
from infra.checkpoints import CheckpointFile, checkpoint_file
from infra.cli.store import opened_store
from infra.ledger_keys import KeyFileError, log_key_path, read_verifier_key
from infra.persistence.checkpoint_table import CheckpointTable
from infra.settings import Settings

FILE = click.Path(exists=True, dir_okay=False, path_type=Path)


@click.command("bundle")
@click.option("--assessment", "aggregate", type=click.UUID, required=True,
              help="The assessment (or any aggregate) id.")  # fmt: skip
@click.option("--checkpoint", "kept_path", type=FILE,
              help="A (cosigned) checkpoint file; default: the latest stored.")  # fmt: skip
@click.option("--witness", type=FILE, multiple=True, help="A witness's public key file.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
def bundle(
    aggregate: UUID, kept_path: Path | None, witness: tuple[Path, ...], output: Path
) -> None:
    """Write a bundle that kaohe-verify checks with the public keys alone."""
    try:
        log_key = read_verifier_key(log_key_path(Settings.from_env().data_dir).with_suffix(".pub"))
        keys = [log_key, *(read_verifier_key(path) for path in witness)]
        with opened_store() as store:
            kept = _kept(store.recorder, kept_path)
            data = make_bundle(store.recorder, aggregate, kept, keys)
    except (ValueError, KeyFileError) as error:
        raise click.ClickException(str(error)) from None
    events = data["events"]
    if not isinstance(events, list) or not events:
        raise click.ClickException(f"no events of {aggregate} in the checkpoint's tree")
    output.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    click.echo(f"bundle of {len(events)} events written to {output}")


def _kept(recorder: ApplicationRecorder, path: Path | None) -> CheckpointFile:
    if path is not None:
        return CheckpointFile.read(path)
    latest = CheckpointTable(recorder).latest()
    if latest is None:
        raise click.ClickException("no checkpoint yet: run kaohe ledger checkpoint first")
    return checkpoint_file(recorder, latest)
