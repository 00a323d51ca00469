"""The production set-up, once: gunicorn with several workers on PostgreSQL and a
`kaohe projections run` worker. A token issued by one worker is honoured by the others, a
revoked one by none, and what is written through the API reaches the read models."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from application.store import EventStore
from tests.integration.web.world import PASSWORD, build_world

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def call(base: str, method: str, path: str, body: Any = None, token: str = "") -> tuple[int, Any]:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        with error:
            return error.code, json.loads(error.read() or b"null")


def wait_until_serving(base: str, timeout: float = 60) -> None:
    """Until every worker has booted: /healthz answers several times in a row."""
    deadline, answered = time.monotonic() + timeout, 0
    while answered < 6:
        assert time.monotonic() < deadline, "gunicorn did not start serving"
        try:
            answered = answered + 1 if call(base, "GET", "/healthz")[0] == 200 else 0
        except OSError:
            answered = 0
            time.sleep(0.2)


@pytest.fixture
def served(store_env: dict[str, str], store: EventStore, tmp_path: Path) -> Iterator[str]:
    build_world(store, tmp_path / "evidence")  # accounts and units, then the real processes
    port = free_port()
    env = {**os.environ, **store_env, "KAOHE_LOG_FORMAT": "json"}
    log = (tmp_path / "gunicorn.log").open("w")
    gunicorn = subprocess.Popen(
        [str(BIN / "gunicorn"), "--workers", "3", "--bind", f"127.0.0.1:{port}", "web.wsgi:app"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    worker = subprocess.Popen(
        [str(BIN / "kaohe"), "projections", "run"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(base)
        yield base
    finally:
        for process in (gunicorn, worker):
            process.send_signal(signal.SIGTERM)
        for process in (gunicorn, worker):
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        log.close()
        print((tmp_path / "gunicorn.log").read_text()[-5000:])


@pytest.mark.parametrize("store_env", ["postgres"], indirect=True)
def test_gunicorn_workers_share_tokens_and_the_read_models_follow(served: str) -> None:
    status, body = call(
        served, "POST", "/api/v1/auth/token", {"username": "staff", "password": PASSWORD}
    )
    assert status == 200
    token = body["access_token"]
    # Many requests spread over the workers: each one honours the token.
    assert {call(served, "GET", "/api/v1/accounts/me", token=token)[0] for _ in range(12)} == {200}
    opened = {"unit": "V1", "rubric": "fengdu-village-station", "version": 1, "period": "2023Q2"}
    status, sheet = call(served, "POST", "/api/v1/assessments", opened, token)
    assert status == 201
    deadline, rows = time.monotonic() + 20, list[dict[str, Any]]()
    while time.monotonic() < deadline and not rows:
        rows = call(served, "GET", "/api/v1/assessments?unit=V1", token=token)[1]
        time.sleep(0.2)
    assert [r["id"] for r in rows] == [sheet["id"]]
    assert call(served, "DELETE", "/api/v1/auth/token", token=token)[0] == 204
    assert {call(served, "GET", "/api/v1/accounts/me", token=token)[0] for _ in range(6)} == {401}
