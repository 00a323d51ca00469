"""A witness cosigns a checkpoint only when it extends the one it cosigned before."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from application.store import EventStore
from domain.unit import Unit
from infra.persistence.checkpoint_table import CheckpointTable
from infra.signed_note import VerifierKey, signed_by
from tests.integration.infra.rawdb import RawDb
from tests.integration.infra.test_ledger_checkpoint import cli, rehash, run, units
from tests.integration.infra.units import HOUR, T0, stamp

__all__ = ["cli", "units"]  # fixtures shared with the checkpoint tests


def cosign(cli: CliRunner, where: Path, checkpoint: Path, *extra: str) -> Result:
    log_key = next(Path(where).glob("**/service.pub"))
    return run(cli, "cosign", str(checkpoint), "--key", str(where / "witness" / "city.key"),
               "--name", "city.example/witness", "--log-key", str(log_key),
               "--state", str(where / "witness" / "state.json"), "-o",
               str(where / "witness" / "cosigned.json"), *extra)  # fmt: skip


def checkpoint(cli: CliRunner, path: Path) -> Path:
    assert run(cli, "checkpoint", "-o", str(path)).exit_code == 0
    return path


@pytest.fixture
def witnessed(cli: CliRunner, tmp_path: Path, units: tuple[Unit, Unit]) -> Path:
    """A witness that cosigned the first checkpoint (6 events)."""
    (tmp_path / "witness").mkdir()
    result = cosign(cli, tmp_path, checkpoint(cli, tmp_path / "first.json"))
    assert result.exit_code == 0, result.output
    return tmp_path


def test_the_witness_cosigns_a_checkpoint_that_extends_the_last(
    store: EventStore, cli: CliRunner, witnessed: Path, units: tuple[Unit, Unit]
) -> None:
    zaozhuang, _ = units
    zaozhuang.rename(stamp(T0 + 9 * HOUR), "枣庄市")
    store.save(zaozhuang)
    second = checkpoint(cli, witnessed / "second.json")
    proof = witnessed / "proof.json"
    assert run(cli, "consistency", "--from", "6", "-o", str(proof)).exit_code == 0

    result = cosign(cli, witnessed, second, "--proof", str(proof))

    assert result.exit_code == 0, result.output
    note = json.loads((witnessed / "witness" / "cosigned.json").read_text())["note"]
    city = VerifierKey.parse((witnessed / "witness" / "city.pub").read_text())
    assert note.startswith("kaohe.local/ledger\n7\n") and signed_by(note, city)


def test_the_witness_refuses_a_rewritten_history(
    store: EventStore, cli: CliRunner, witnessed: Path, units: tuple[Unit, Unit]
) -> None:
    zaozhuang, _ = units
    rehash(store, RawDb(store), zaozhuang.id, 2, {"name": "伪造"})
    zaozhuang.rename(stamp(T0 + 9 * HOUR), "枣庄市")
    store.save(zaozhuang)
    # The forger rebuilds the checkpoints from the rewritten store.
    RawDb(store).execute(f"DELETE FROM {CheckpointTable(store.recorder).table}")
    second = checkpoint(cli, witnessed / "second.json")
    proof = witnessed / "proof.json"
    assert run(cli, "consistency", "--from", "6", "-o", str(proof)).exit_code == 0
    state_before = (witnessed / "witness" / "state.json").read_text()

    result = cosign(cli, witnessed, second, "--proof", str(proof))

    assert result.exit_code == 1
    assert "not consistent with the one of 6 cosigned before" in result.output
    assert (witnessed / "witness" / "state.json").read_text() == state_before


def test_the_witness_refuses_a_bigger_checkpoint_without_a_proof(
    cli: CliRunner, witnessed: Path, store: EventStore, units: tuple[Unit, Unit]
) -> None:
    zaozhuang, _ = units
    zaozhuang.rename(stamp(T0 + 9 * HOUR), "枣庄市")
    store.save(zaozhuang)

    result = cosign(cli, witnessed, checkpoint(cli, witnessed / "second.json"))

    assert result.exit_code == 1
    assert "a consistency proof from size 6 to 7 is needed" in result.output
