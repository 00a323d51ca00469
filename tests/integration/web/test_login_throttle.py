"""Login throttling holds under parallel requests: every attempt is counted in the store
before its password is checked, so a burst gets no more checks than the policy allows."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from werkzeug.test import TestResponse

from application.ports import PasswordHasher
from tests.integration.web.world import PASSWORD, World

TOKEN = "/api/v1/auth/token"
BURST = 24


class CountingHasher:
    """The real hasher, counting how many passwords it was asked to check."""

    def __init__(self, inner: PasswordHasher) -> None:
        self.inner = inner
        self.checked = 0
        self._lock = threading.Lock()

    def hash(self, password: str) -> str:
        return self.inner.hash(password)

    def verify(self, password_hash: str, password: str) -> bool:
        with self._lock:
            self.checked += 1
        return self.inner.verify(password_hash, password)


def burst(world: World, bodies: list[dict[str, str]], address: str) -> list[TestResponse]:
    """Send the logins all at once, each from its own thread and test client."""
    start = threading.Barrier(len(bodies))

    def send(body: dict[str, str]) -> TestResponse:
        client = world.client
        start.wait()
        return client.post(TOKEN, json=body, environ_base={"REMOTE_ADDR": address})

    with ThreadPoolExecutor(len(bodies)) as pool:
        return list(pool.map(send, bodies))


def counting(world: World) -> CountingHasher:
    hasher = CountingHasher(world.kaohe.accounts.hasher)
    world.kaohe.accounts.hasher = hasher
    return hasher


def test_a_burst_of_wrong_passwords_gets_five_checks_and_429s(world: World) -> None:
    hasher = counting(world)
    wrong = [{"username": "staff", "password": f"wrong-{n}"} for n in range(BURST)]
    responses = burst(world, wrong, "10.1.1.1")
    statuses = sorted(r.status_code for r in responses)
    assert hasher.checked == 5
    assert statuses == [401] * hasher.checked + [429] * (BURST - hasher.checked)
    assert all(int(r.headers["Retry-After"]) > 0 for r in responses if r.status_code == 429)
    # The right password is refused too until the window ends: the burst counted.
    late = world.client.post(TOKEN, json={"username": "staff", "password": PASSWORD})
    assert late.status_code == 429 and hasher.checked <= 5


def test_a_burst_over_many_accounts_from_one_address_gets_twenty_checks(world: World) -> None:
    hasher = counting(world)
    wrong = [{"username": f"nobody{n}", "password": "wrong"} for n in range(30)]
    responses = burst(world, wrong, "10.2.2.2")
    assert hasher.checked == 20
    assert sum(r.status_code == 429 for r in responses) == 30 - hasher.checked


def test_refused_attempts_do_not_count_against_another_address(world: World) -> None:
    wrong = [{"username": f"nobody{n}", "password": "wrong"} for n in range(21)]
    burst(world, wrong, "10.3.3.3")
    right = {"username": "reviewer", "password": PASSWORD}
    elsewhere = world.client.post(TOKEN, json=right, environ_base={"REMOTE_ADDR": "10.4.4.4"})
    assert elsewhere.status_code == 200
