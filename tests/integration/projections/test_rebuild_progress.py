"""`kaohe projections rebuild` shows how far it is (events done of all, time left) on
standard error to a person at a terminal; `--quiet` and pipes get the result alone."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from application.service import Kaohe
from tests.unit.projections.activity import hierarchy
from web.cli import main

DONE = "units: version 2 now serves (was 1)"


def test_a_person_at_a_terminal_sees_the_events_counted(
    app: Kaohe, cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    hierarchy(app)
    monkeypatch.setenv("TTY_COMPATIBLE", "1")  # standard error taken for a terminal

    rebuilt = cli.invoke(main, ["projections", "rebuild", "units"])

    assert rebuilt.exit_code == 0, rebuilt.output
    assert "rebuilding units" in rebuilt.stderr and "7/7" in rebuilt.stderr
    assert DONE in rebuilt.stdout and "rebuilding" not in rebuilt.stdout


def test_quiet_prints_no_progress_but_still_the_result(
    app: Kaohe, cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    hierarchy(app)
    monkeypatch.setenv("TTY_COMPATIBLE", "1")

    rebuilt = cli.invoke(main, ["projections", "rebuild", "--quiet", "units"])

    assert rebuilt.exit_code == 0, rebuilt.output
    assert rebuilt.stderr == ""
    assert DONE in rebuilt.stdout


def test_a_pipe_gets_no_progress(
    app: Kaohe, cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    hierarchy(app)
    for name in ("TTY_COMPATIBLE", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)

    rebuilt = cli.invoke(main, ["projections", "rebuild", "units"])

    assert rebuilt.exit_code == 0, rebuilt.output
    assert rebuilt.stderr == "" and DONE in rebuilt.stdout
