"""`kaohe projections status|run|rebuild` on the configured store."""

from __future__ import annotations

import json

from click.testing import CliRunner

from application.service import Kaohe
from tests.unit.projections.activity import hierarchy
from web.cli import main


def status(cli: CliRunner) -> list[dict[str, object]]:
    result = cli.invoke(main, ["projections", "status", "--format", "json"])
    assert result.exit_code == 0, result.output
    found: list[dict[str, object]] = json.loads(result.stdout)
    return found


def test_status_run_and_rebuild(app: Kaohe, cli: CliRunner) -> None:
    hierarchy(app)
    assert [(s["name"], s["version"], s["lag"]) for s in status(cli)] == [
        ("units", 1, 7),
        ("audit_trail", 1, 7),
        ("scores", 1, 7),
        ("accounts", 1, 7),
        ("campaigns", 1, 7),
        ("rectifications", 1, 7),
    ]

    ran = cli.invoke(main, ["projections", "run", "--once", "audit_trail"])
    assert ran.exit_code == 0, ran.output
    assert [s["lag"] for s in status(cli)] == [7, 0, 7, 7, 7, 7]

    rebuilt = cli.invoke(main, ["projections", "rebuild", "units"])
    assert rebuilt.exit_code == 0, rebuilt.output
    assert "units: version 2 now serves (was 1)" in rebuilt.output
    assert [(s["version"], s["lag"]) for s in status(cli)] == [
        (2, 0),
        (1, 0),
        (1, 7),
        (1, 7),
        (1, 7),
        (1, 7),
    ]

    text = cli.invoke(main, ["projections", "status"])
    assert "audit_trail" in text.output and "current" in text.output


def test_an_unknown_projection_is_refused_with_the_known_names(cli: CliRunner) -> None:
    result = cli.invoke(main, ["projections", "rebuild", "grades"])
    assert result.exit_code == 2
    assert "'units', 'audit_trail', 'scores'" in result.output
