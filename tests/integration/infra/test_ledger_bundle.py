"""A bundle of one aggregate verifies offline with the public keys alone, by a copy of the
verifier that cannot import the project, and fails once any byte of it changes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from domain.unit import Unit
from infra import offline_verify
from tests.integration.infra.test_ledger_checkpoint import cli, run, units
from tests.integration.infra.test_ledger_witness import cosign

__all__ = ["cli", "units"]  # fixtures shared with the checkpoint tests

# Runs the copied verifier with every package of the project refused at import.
ISOLATED = """
import runpy, sys
class Refuse:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {"domain", "application", "projections", "infra", "web"}:
            raise ImportError(f"the offline verifier imported {name}")
sys.meta_path.insert(0, Refuse())
sys.argv = sys.argv[1:]
runpy.run_path(sys.argv[0], run_name="__main__")
"""


@pytest.fixture
def bundle(cli: CliRunner, tmp_path: Path, units: tuple[Unit, Unit]) -> Path:
    """Zaozhuang's four events, in a checkpoint cosigned by the city's witness."""
    (tmp_path / "witness").mkdir()
    assert run(cli, "checkpoint", "-o", str(tmp_path / "kept.json")).exit_code == 0
    assert cosign(cli, tmp_path, tmp_path / "kept.json").exit_code == 0
    path = tmp_path / "sheet.json"
    result = run(cli, "bundle", "--assessment", str(units[0].id), "--checkpoint",
                 str(tmp_path / "witness" / "cosigned.json"), "--witness",
                 str(tmp_path / "witness" / "city.pub"), "-o", str(path))  # fmt: skip
    assert result.exit_code == 0, result.output
    return path


def verify(tmp_path: Path, bundle: Path) -> subprocess.CompletedProcess[str]:
    copy = tmp_path / "elsewhere" / "kaohe_verify.py"
    copy.parent.mkdir(exist_ok=True)
    shutil.copy(offline_verify.__file__, copy)
    log_key = next(tmp_path.glob("**/service.pub"))
    args = [str(copy), str(bundle), "--key", str(log_key),
            "--witness", str(tmp_path / "witness" / "city.pub")]  # fmt: skip
    return subprocess.run(
        [sys.executable, "-I", "-c", ISOLATED, *args],
        capture_output=True, text=True, cwd=copy.parent, check=False,
    )  # fmt: skip


def test_a_bundle_verifies_offline_with_the_public_keys(tmp_path: Path, bundle: Path) -> None:
    result = verify(tmp_path, bundle)

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == (
        "bundle verified: 4 events are in the log of 6 events, signed by 2; "
        "1 chain, whole from version 1 and linked\n"
    )


def test_every_changed_byte_of_an_event_fails_the_bundle(tmp_path: Path, bundle: Path) -> None:
    data = json.loads(bundle.read_text())
    state = data["events"][1]["state"]
    for offset in range(0, len(state), max(1, len(state) // 12)):
        changed = state[:offset] + chr(ord(state[offset]) ^ 1) + state[offset + 1 :]
        data["events"][1]["state"] = changed
        bundle.write_text(json.dumps(data))

        result = verify(tmp_path, bundle)

        assert result.returncode == 1, offset
        assert "version 2 is not in the signed log" in result.stdout


def test_a_changed_checkpoint_or_a_missing_cosignature_fails(tmp_path: Path, bundle: Path) -> None:
    data = json.loads(bundle.read_text())
    note = data["note"]
    data["note"] = note.replace("\n6\n", "\n7\n")
    bundle.write_text(json.dumps(data))
    assert "no valid signature of kaohe.local/ledger" in verify(tmp_path, bundle).stdout

    data["note"] = note.rsplit("— city.example/witness", 1)[0]
    bundle.write_text(json.dumps(data))
    assert "no valid signature of city.example/witness" in verify(tmp_path, bundle).stdout
