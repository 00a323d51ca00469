"""A bundle of every sheet of a unit's subtree for a period: each sheet's whole chain up to
one signed checkpoint, checked offline chain by chain, and refused once one byte changes."""

from __future__ import annotations

import json
from pathlib import Path
from uuid import UUID

import pytest
from click.testing import CliRunner, Result

from application.store import EventStore
from infra import offline_verify
from tests.integration.infra.test_ledger_checkpoint import cli, run
from tests.integration.web.world import World, build_world

__all__ = ["cli"]

QUARTER = "2023Q2"


@pytest.fixture
def sheets(store: EventStore, cli: CliRunner, tmp_path: Path) -> dict[str, UUID]:
    """V1's and V2's sheets (county C1) and V9's (another city) for the quarter, V1's of the
    next quarter, and a checkpoint over them all."""
    world: World = build_world(store, tmp_path / "evidence")
    found = {
        "V1": world.assessment("V1", QUARTER, "approved"),
        "V2": world.assessment("V2", QUARTER, "submitted"),
        "V9": world.assessment("V9", QUARTER, "approved"),
        "V1-next": world.assessment("V1", "2023Q3", "draft"),
    }
    assert run(cli, "checkpoint", "-o", str(tmp_path / "kept.json")).exit_code == 0
    return found


def bundle_of(cli: CliRunner, tmp_path: Path, unit: str, period: str = QUARTER) -> Result:
    return run(cli, "bundle", "--unit", unit, "--period", period,
               "-o", str(tmp_path / f"{unit}.json"))  # fmt: skip


def verify(tmp_path: Path, path: Path) -> int:
    """kaohe-verify's exit code (what it says goes to standard output)."""
    log_key = next(tmp_path.glob("**/service.pub"))
    return offline_verify.main([str(path), "--key", str(log_key)])


def test_a_county_bundle_holds_every_sheet_of_its_subtree_for_the_period(
    cli: CliRunner, tmp_path: Path, sheets: dict[str, UUID], capsys: pytest.CaptureFixture[str]
) -> None:
    result = bundle_of(cli, tmp_path, "C1")
    assert result.exit_code == 0, result.output
    assert "bundle of 2 sheets" in result.output

    data = json.loads((tmp_path / "C1.json").read_text())
    assert sorted(data["chains"]) == sorted(str(sheets[v]) for v in ("V1", "V2"))
    assert data["subject"] == {"unit": "C1", "period": QUARTER}
    capsys.readouterr()
    code = verify(tmp_path, tmp_path / "C1.json")
    out = capsys.readouterr().out
    assert code == 0, out
    assert "2 chains, each whole from version 1 and linked" in out


def test_one_changed_byte_in_any_sheet_of_a_unit_bundle_fails_naming_it(
    cli: CliRunner, tmp_path: Path, sheets: dict[str, UUID], capsys: pytest.CaptureFixture[str]
) -> None:
    assert bundle_of(cli, tmp_path, "CITY").exit_code == 0
    path = tmp_path / "CITY.json"
    data = json.loads(path.read_text())
    event = next(e for e in data["events"] if e["aggregate_id"] == str(sheets["V2"]))
    event["state"] = event["state"].replace('"', "'", 1)
    path.write_text(json.dumps(data))
    capsys.readouterr()

    code = verify(tmp_path, path)

    assert code == 1
    out = capsys.readouterr().out
    assert f"aggregate {sheets['V2']} version {event['version']} is not in the signed log" in out


def test_a_sheet_left_out_of_a_unit_bundle_or_an_event_dropped_fails(
    cli: CliRunner, tmp_path: Path, sheets: dict[str, UUID], capsys: pytest.CaptureFixture[str]
) -> None:
    assert bundle_of(cli, tmp_path, "C1").exit_code == 0
    path = tmp_path / "C1.json"
    whole = json.loads(path.read_text())
    v1 = str(sheets["V1"])

    kept = [e for e in whole["events"] if (e["aggregate_id"], e["version"]) != (v1, 2)]
    dropped = whole | {"events": kept}
    path.write_text(json.dumps(dropped))
    assert verify(tmp_path, path) == 1
    assert f"aggregate {v1} goes from version 1 to version 3: version 2 is missing" in (
        capsys.readouterr().out
    )

    left_out = whole | {"events": [e for e in whole["events"] if e["aggregate_id"] != v1]}
    path.write_text(json.dumps(left_out))
    assert verify(tmp_path, path) == 1
    assert f"the bundle names {v1} but holds none of its events" in capsys.readouterr().out


def test_a_unit_bundle_refuses_an_unknown_unit_or_a_period_without_sheets(
    cli: CliRunner, tmp_path: Path, sheets: dict[str, UUID]
) -> None:
    unknown = bundle_of(cli, tmp_path, "NOPE")
    assert unknown.exit_code != 0
    assert "--unit NOPE: no such unit" in unknown.output

    empty = bundle_of(cli, tmp_path, "C1", "2019Q1")
    assert empty.exit_code != 0
    assert "no sheets of C1 and its subtree for 2019Q1 in the checkpoint's tree" in empty.output
    assert not (tmp_path / "C1.json").exists()


def test_bundle_needs_either_an_assessment_or_a_unit_and_period(
    cli: CliRunner, tmp_path: Path, sheets: dict[str, UUID]
) -> None:
    both = run(cli, "bundle", "--unit", "C1", "--period", QUARTER, "--assessment",
               str(sheets["V1"]), "-o", str(tmp_path / "x.json"))  # fmt: skip
    assert both.exit_code != 0
    assert "give --assessment, or --unit with --period" in both.output

    no_period = run(cli, "bundle", "--unit", "C1", "-o", str(tmp_path / "x.json"))
    assert no_period.exit_code != 0
    assert "give --assessment, or --unit with --period" in no_period.output
