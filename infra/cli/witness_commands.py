"""`kaohe ledger consistency` on the log's server; `kaohe ledger cosign` on a witness's machine."""

from __future__ import annotations

import json
from pathlib import Path

import click

from domain.errors import ProofError
from domain.merkle import consistency_proof
from infra.checkpoints import CheckpointFile
from infra.cli.store import opened_store
from infra.errors import KeyFileError, NoteError, WitnessRefusedError
from infra.ledger_keys import open_signing_key, read_verifier_key
from infra.ledger_log import logged_events
from infra.persistence.checkpoint_table import CheckpointTable
from infra.witness import ConsistencyProof, cosign

FILE = click.Path(exists=True, dir_okay=False, path_type=Path)
OUT = click.Path(dir_okay=False, path_type=Path)


@click.command("consistency")
@click.option("--from", "old_size", type=click.IntRange(min=0), required=True,
              help="The tree size of the checkpoint the witness cosigned last.")  # fmt: skip
@click.option("-o", "--output", type=OUT, required=True)
def consistency(old_size: int, output: Path) -> None:
    """Write the proof that the latest checkpoint extends the one of size --from."""
    with opened_store() as store:
        latest = CheckpointTable(store.recorder).latest()
        if latest is None:
            raise click.ClickException("no checkpoint yet: run kaohe ledger checkpoint first")
        leaves = [e.leaf for e in logged_events(store.recorder, upto=latest.log_position)]
    try:
        hashes = consistency_proof(leaves, old_size)
    except ProofError as error:
        raise click.ClickException(str(error)) from None
    proof = ConsistencyProof(old_size, len(leaves), hashes)
    output.write_text(json.dumps(proof.to_json(), indent=1) + "\n", encoding="utf-8")
    click.echo(f"consistency proof {old_size} → {len(leaves)} written to {output}")


@click.command("cosign")
@click.argument("checkpoint_path", metavar="CHECKPOINT", type=FILE)
@click.option("--key", type=OUT, required=True, help="The witness's private key (made if absent).")
@click.option("--name", required=True, help="The witness's name, e.g. city.example/witness.")
@click.option("--log-key", type=FILE, required=True, help="The log's public key file.")
@click.option("--state", type=OUT, required=True, help="The last checkpoint this witness cosigned.")
@click.option("--proof", type=FILE, help="kaohe ledger consistency's proof from that checkpoint.")
@click.option("-o", "--output", type=OUT, required=True)
def cosign_command(checkpoint_path: Path, key: Path, name: str, log_key: Path, state: Path,
                   proof: Path | None, output: Path) -> None:  # fmt: skip
    """Cosign a checkpoint only if it extends the last one this witness cosigned."""
    try:
        kept = CheckpointFile.read(checkpoint_path)
        witness, _ = open_signing_key(key, name, witness=True)
        given = None if proof is None else ConsistencyProof.from_json(json.loads(proof.read_text()))
        note = cosign(kept.note, read_verifier_key(log_key), witness, state, given)
    except (ValueError, KeyFileError, NoteError, WitnessRefusedError) as error:
        raise click.ClickException(f"not cosigned: {error}") from None
    data = json.loads(checkpoint_path.read_text(encoding="utf-8")) | {"note": note}
    output.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    click.echo(f"cosigned by {name}: {output}")
