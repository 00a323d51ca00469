"""`make run` serves where it is asked (PORT=, HOST=), and the README says how."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[3]


def planned_run(*assignments: str) -> list[str]:
    """The commands `make run` would execute (make -n runs none of them)."""
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    found = subprocess.run(
        ["make", "-n", "-C", str(ROOT), "run", *assignments],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return found.stdout.splitlines()


def test_make_run_serves_on_the_port_and_host_given() -> None:
    serve = [line for line in planned_run("PORT=8123", "HOST=0.0.0.0") if "kaohe serve" in line]
    assert serve == [".venv/bin/kaohe serve --host 0.0.0.0 --port 8123"]


def test_make_run_serves_on_127_0_0_1_port_8000_by_default() -> None:
    serve = [line for line in planned_run() if "kaohe serve" in line]
    assert serve == [".venv/bin/kaohe serve --host 127.0.0.1 --port 8000"]


def test_the_readme_tells_how_to_serve_elsewhere() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make run PORT=" in readme
    assert "kaohe serve --host" in readme and "--port" in readme
