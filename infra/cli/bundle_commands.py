"""`kaohe ledger bundle`: one sheet's events and proofs, or every sheet of a unit's subtree
for a period, for a regulator to verify offline."""

from __future__ import annotations

import json
from pathlib import Path
from uuid import UUID

import click
from eventsourcing.persistence import ApplicationRecorder

from infra.bundle import make_bundle
from infra.bundle_sheets import unit_sheets
from infra.checkpoints import CheckpointFile, checkpoint_file
from infra.cli.store import opened_store
from infra.errors import KeyFileError
from infra.ledger_keys import log_key_path, read_verifier_key
from infra.persistence.checkpoint_table import CheckpointTable
from infra.projections.registry import Projections
from infra.settings import Settings

FILE = click.Path(exists=True, dir_okay=False, path_type=Path)


@click.command("bundle")
@click.option("--assessment", "aggregate", type=click.UUID,
              help="The assessment (or any aggregate) id.")  # fmt: skip
@click.option("--unit", help="A unit code: every sheet of it and its subtree (with --period).")
@click.option("--period", help="The period of the unit's sheets, like 2023Q2.")
@click.option("--checkpoint", "kept_path", type=FILE,
              help="A (cosigned) checkpoint file; default: the latest stored.")  # fmt: skip
@click.option("--witness", type=FILE, multiple=True, help="A witness's public key file.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
def bundle(
    aggregate: UUID | None,
    unit: str | None,
    period: str | None,
    kept_path: Path | None,
    witness: tuple[Path, ...],
    output: Path,
) -> None:
    """Write a bundle that kaohe-verify checks with the public keys alone."""
    if (aggregate is None) == (unit is None) or (unit is None) != (period is None):
        raise click.UsageError("give --assessment, or --unit with --period (one of the two)")
    try:
        log_key = read_verifier_key(log_key_path(Settings.from_env().data_dir).with_suffix(".pub"))
        keys = [log_key, *(read_verifier_key(path) for path in witness)]
        with opened_store() as store:
            kept = _kept(store.recorder, kept_path)
            if aggregate is not None:
                ids, subject = [aggregate], {"assessment": str(aggregate)}
            else:
                assert unit is not None and period is not None
                ids = unit_sheets(Projections(store), unit, period)
                subject = {"unit": unit, "period": period}
            data = make_bundle(store.recorder, ids, kept, keys, subject)
    except (ValueError, KeyFileError) as error:
        raise click.ClickException(str(error)) from None
    events, chains = data["events"], data["chains"]
    if not isinstance(events, list) or not isinstance(chains, list) or not events:
        what = f"events of {aggregate}" if unit is None else f"sheets of {unit} and its subtree"
        when = "" if unit is None else f" for {period}"
        raise click.ClickException(f"no {what}{when} in the checkpoint's tree")
    if unit is not None and len(chains) < len(ids):
        later = sorted(set(map(str, ids)) - set(chains))
        raise click.ClickException(
            f"sheets of {unit} opened after the checkpoint: {', '.join(later)}; "
            "sign a newer checkpoint (kaohe ledger checkpoint) and bundle again"
        )
    output.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    sheets = "" if unit is None else f" of {len(chains)} sheets"
    click.echo(f"bundle{sheets} of {len(events)} events written to {output}")


def _kept(recorder: ApplicationRecorder, path: Path | None) -> CheckpointFile:
    if path is not None:
        return CheckpointFile.read(path)
    latest = CheckpointTable(recorder).latest()
    if latest is None:
        raise click.ClickException("no checkpoint yet: run kaohe ledger checkpoint first")
    return checkpoint_file(recorder, latest)
