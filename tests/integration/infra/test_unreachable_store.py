"""A KAOHE_DATABASE_URL nobody answers fails within seconds, naming host, port, database and
the cause, for the service and for every command."""

from __future__ import annotations

import socket
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from infra.bootstrap import open_event_store
from infra.errors import StoreUnreachableError
from infra.settings import Settings
from web.cli import main


def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
    return port


def test_opening_a_store_nobody_serves_fails_fast_and_says_where_and_why(tmp_path: Path) -> None:
    port = closed_port()
    url = f"postgresql://kaohe:secret-pw@127.0.0.1:{port}/kaohe_prod"
    started = time.monotonic()
    with pytest.raises(StoreUnreachableError) as raised:
        open_event_store(Settings(tmp_path, url))
    assert time.monotonic() - started < 5
    message = str(raised.value)
    assert f"127.0.0.1:{port}" in message and "'kaohe_prod'" in message
    assert "refused" in message.lower() and "secret-pw" not in message


def test_a_command_on_a_store_nobody_serves_exits_with_the_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KAOHE_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("KAOHE_DATABASE_URL", f"postgresql://kaohe@127.0.0.1:{closed_port()}/k")
    result = CliRunner().invoke(main, ["projections", "status"])
    assert result.exit_code == 1
    assert "cannot open the event store: cannot connect to PostgreSQL at 127.0.0.1" in result.output
