"""The clients of `bench.api_concurrency`, in child processes (standard library only, so
they start fast): each client a thread with at most one request in flight, on a fixed
schedule (open loop: request i is due at start + i / rate; a late one is sent at once)."""

from __future__ import annotations

import http.client
import json
import threading
import time
from dataclasses import dataclass
from typing import Any

WRITE_EVERY = 5
"""Every fifth client writes; the others read."""

Sample = tuple[str, float, float, int]
"""(read or write, sent, done, HTTP status); times are time.time()."""


@dataclass(frozen=True)
class Client:
    """One client: what it reads (in turn) or the item it writes, where, and as whom."""

    port: int
    paths: list[str]
    token: str
    writes: bool = False
    version: int = 0
    """The sheet's version, for the first write's If-Match."""


def call(
    port: int, method: str, path: str, token: str = "", body: Any = None, version: int = 0
) -> tuple[int, dict[str, str]]:
    """One request on a new connection (gunicorn's sync workers close each); the status
    and headers, the whole answer read."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        if version:
            headers["If-Match"] = f'"{version}"'
        data = None if body is None else json.dumps(body).encode()
        connection.request(method, path, body=data, headers=headers)
        answer = connection.getresponse()
        answer.read()
        return answer.status, dict(answer.getheaders())
    finally:
        connection.close()


def etag(headers: dict[str, str]) -> int:
    return int(headers["ETag"].strip('"'))


def run_client(client: Client, start: float, end: float, rate: float, k: int) -> list[Sample]:
    """Send on schedule until `end` (bounded: nothing is sent after it)."""
    samples: list[Sample] = []
    version, i = client.version, 0
    while (due := start + (i + k / 32) / rate) < end:
        time.sleep(max(0.0, due - time.time()))
        sent = time.time()
        if sent >= end:
            break
        path = client.paths[(i + k) % len(client.paths)]
        if client.writes:
            points = {"points": "1" if i % 2 else "0"}
            status, got = call(client.port, "PUT", path, client.token, points, version)
            if status == 200:
                version = etag(got)
            elif status == 412:  # another client writes this sheet too: read its version
                sheet = path.rsplit("/items", 1)[0]
                version = etag(call(client.port, "GET", sheet, client.token)[1])
        else:
            status, _ = call(client.port, "GET", path, client.token)
        samples.append(("write" if client.writes else "read", sent, time.time(), status))
        i += 1
    return samples


def drive(clients: list[Client], start: float, end: float, rate: float, first: int) -> list[Sample]:
    """Run in a child process: one thread per client; every sample."""
    found: list[list[Sample]] = [[] for _ in clients]

    def one(k: int) -> None:
        found[k] = run_client(clients[k], start, end, rate, first + k)

    threads = [threading.Thread(target=one, args=(k,)) for k in range(len(clients))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [sample for samples in found for sample in samples]
