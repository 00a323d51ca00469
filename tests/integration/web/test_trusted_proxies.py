"""Behind a trusted proxy the client's address comes from X-Forwarded-For; without the
setting that header is ignored, so no client can pick the address its failures count to."""

from __future__ import annotations

from pathlib import Path

from application.store import EventStore
from infra.login_throttle import ThrottlePolicy
from tests.integration.web.world import PASSWORD, World, build_world

TOKEN = "/api/v1/auth/token"
PROXY = {"REMOTE_ADDR": "127.0.0.1"}
STRICT = ThrottlePolicy(per_account=100, per_address=3)


def world_behind(store: EventStore, tmp_path: Path, proxies: int) -> World:
    config = {"KAOHE_LOGIN_THROTTLE": STRICT, "KAOHE_TRUSTED_PROXIES": proxies}
    return build_world(store, tmp_path / "evidence", config)


def fail_three_times(world: World, client_address: str) -> None:
    for n in range(3):
        world.client.post(
            TOKEN,
            json={"username": f"nobody{n}", "password": "wrong"},
            headers={"X-Forwarded-For": client_address},
            environ_base=PROXY,
        )


def log_in_from(world: World, client_address: str) -> int:
    response = world.client.post(
        TOKEN,
        json={"username": "staff", "password": PASSWORD},
        headers={"X-Forwarded-For": client_address, "X-Forwarded-Proto": "https"},
        environ_base=PROXY,
    )
    return response.status_code


def test_behind_a_trusted_proxy_each_client_is_throttled_alone(
    store: EventStore, tmp_path: Path
) -> None:
    world = world_behind(store, tmp_path, 1)
    fail_three_times(world, "203.0.113.7")
    assert log_in_from(world, "203.0.113.7") == 429
    assert log_in_from(world, "198.51.100.20") == 200


def test_without_the_setting_forwarded_addresses_are_ignored(
    store: EventStore, tmp_path: Path
) -> None:
    world = world_behind(store, tmp_path, 0)
    fail_three_times(world, "203.0.113.7")
    # A forged header does not escape the count of the address the request came from.
    assert log_in_from(world, "198.51.100.20") == 429
