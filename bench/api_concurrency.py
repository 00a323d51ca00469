"""Kaohe under concurrent load on PostgreSQL against a bare Flask + psycopg app in the same
run: gunicorn, its projection worker beside, 32 clients in a bounded open loop.

    .venv/bin/python -m bench.api_concurrency [--seconds 20] [--clients 32] [--rate 12]

Over the demo quarter in a throwaway schema, two gunicorns serve side by side with the same
number of sync workers: Kaohe (`web.wsgi:app`, `kaohe projections run` beside it) and
`bench.bare_reads`, which answers the sheet read with one SELECT by key from the table
Kaohe's scores view keeps. Each client has at most one request in flight and sends on a fixed
schedule until the phase ends (request i is due at start + i / rate; a late one is sent at
once, none after the end). Every fifth client writes (`PUT` of item 1 of its own village
draft of the current quarter, to Kaohe, `If-Match` from its last answer); the others read the
approved sheets in turn (`GET /api/v1/assessments/{id}` as the city regulator from Kaohe,
`GET /sheets/{id}` from the bare app). The phases alternate Kaohe, bare, Kaohe, bare; the
writes go to Kaohe in every phase, so the database carries the same writes and projection work
behind both apps' reads. Latency is from sending to the whole answer read; throughput is
answers per second from the phase's start to its last answer."""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bench.harness import POSTGRES_URL, header, postgres_down, throwaway_store
from bench.load_clients import WRITE_EVERY, Client, Sample, call, drive, etag
from infra.bootstrap import build_kaohe, open_event_store
from infra.demo.clock import DemoClock
from infra.demo.loader import load_demo
from infra.demo.plan import DemoPlan
from infra.projections.registry import Projections
from infra.settings import Settings
from projections.scores import SCORES

BIN = Path(sys.executable).parent


def this_quarter() -> str:
    """The quarter it is now in China, whose window is open: the writers draft a sheet there
    (the demo's own drafts are in a quarter whose window has closed, and refuse changes)."""
    now = datetime.now(ZoneInfo("Asia/Shanghai"))
    return f"{now.year}Q{(now.month - 1) // 3 + 1}"


PROCESSES = 4
"""Client processes (each client a thread in one of them)."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def running(commands: list[list[str]], env: dict[str, str], log: Path) -> Iterator[None]:
    """Run processes until the block ends (SIGTERM, then SIGKILL after 15 s)."""
    with log.open("w") as out:
        started = [
            subprocess.Popen(c, env=env, stdout=out, stderr=subprocess.STDOUT) for c in commands
        ]
        try:
            yield
        finally:
            for process in started:
                process.send_signal(signal.SIGTERM)
            for process in started:
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


def wait_until(port: int, path: str, ok: int = 200, timeout: float = 120) -> None:
    """Until the server answers `path` with `ok` several times in a row (every worker booted)."""
    deadline, answered = time.monotonic() + timeout, 0
    while answered < 8:
        if time.monotonic() > deadline:
            raise SystemExit(f"nothing serves {path} on port {port}")
        try:
            answered = answered + 1 if call(port, "GET", path)[0] == ok else 0
        except OSError:
            answered = 0
            time.sleep(0.3)


def answer(port: int, method: str, path: str, body: Any = None, bearer: str = "") -> Any:
    """The JSON of a request that must succeed."""
    status, found = sent(port, method, path, body, bearer)
    assert status == 200, (method, path, status, found)
    return found


def sent(port: int, method: str, path: str, body: Any = None, bearer: str = "") -> tuple[int, Any]:
    """The status and JSON of a request."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Content-Type": "application/json"}
    if bearer:
        headers["Authorization"] = f"Bearer {bearer}"
    try:
        connection.request(method, path, None if body is None else json.dumps(body), headers)
        got = connection.getresponse()
        found = json.loads(got.read())
    finally:
        connection.close()
    return got.status, found


def token(port: int, plan: DemoPlan, role: str, unit: str) -> str:
    account = next(a for a in plan.accounts if a.role.value == role and a.unit_code == unit)
    login = {"username": account.username, "password": account.password}
    return str(answer(port, "POST", "/api/v1/auth/token", login)["access_token"])


def load_demo_store(env: dict[str, str]) -> tuple[DemoPlan, str]:
    """Load the demo quarter and bring the read models up to it; its plan and the scores
    view's table of sheets (quoted), which the bare app reads."""
    settings = Settings.from_env(env)
    store = open_event_store(settings)
    try:
        plan = load_demo(build_kaohe(settings, store, DemoClock()))
        projections = Projections(store)
        projections.catch_up()
        versions = projections.catalog.versions(SCORES)
        assert versions is not None
        return plan, projections.projection(SCORES).view.table_names(versions.active)[0]
    finally:
        store.close()


@dataclass(frozen=True)
class Actors:
    """Who reads and who writes, signed in once: the city regulator reads the approved
    sheets; each draft's village staff writes it."""

    regulator: str
    approved: list[str]
    drafts: list[tuple[str, str]]
    """(sheet path, its writer's token), one per writing client as far as there are
    drafts."""

    @classmethod
    def sign_in(cls, port: int, plan: DemoPlan, count: int) -> Actors:
        regulator = token(port, plan, "city_regulator", "DEMO")
        rows = answer(port, "GET", "/api/v1/assessments", bearer=regulator)
        villages = [r for r in rows if r["unit"].count("-") == 3]
        drafts: list[tuple[str, str]] = []
        quarter = {"period": this_quarter()}
        for r in villages:
            if len(drafts) >= count // WRITE_EVERY:
                break
            staff = token(port, plan, "station_staff", r["unit"])
            opened = {"unit": r["unit"], "rubric": r["rubric"], "version": r["rubric_version"]}
            status, found = sent(port, "POST", "/api/v1/assessments", opened | quarter, staff)
            if status == 201:
                drafts.append((f"/api/v1/assessments/{found['id']}", staff))
        return cls(regulator, [r["id"] for r in rows if r["status"] == "approved"], drafts)

    def clients(self, kaohe: int, bare: int | None, count: int) -> list[Client]:
        """`count` clients: every fifth writes its draft's item 1 to Kaohe (from the
        version it has now); the others read the approved sheets in turn, from Kaohe or
        (given its port) the bare app."""
        reads = [f"/sheets/{a}" if bare else f"/api/v1/assessments/{a}" for a in self.approved]
        found = []
        for k in range(count):
            if k % WRITE_EVERY != WRITE_EVERY - 1:
                found.append(Client(bare or kaohe, reads, self.regulator))
                continue
            path, writer = self.drafts[(k // WRITE_EVERY) % len(self.drafts)]
            version = etag(call(kaohe, "GET", path, writer)[1])
            found.append(Client(kaohe, [f"{path}/items/1"], writer, True, version))
        return found


def phase(clients: list[Client], seconds: float, rate: float) -> tuple[list[Sample], float]:
    """Run the clients for `seconds`; their samples and the phase's start."""
    start = time.time() + 4  # the client processes start meanwhile
    groups = [clients[k::PROCESSES] for k in range(PROCESSES)]
    firsts = [sum(len(g) for g in groups[:k]) for k in range(PROCESSES)]
    with multiprocessing.get_context("spawn").Pool(PROCESSES) as pool:
        results = pool.starmap(
            drive,
            [(g, start, start + seconds, rate, f) for g, f in zip(groups, firsts, strict=True)],
        )
    return [s for r in results for s in r], start


def quantile(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100)[q - 1] if len(values) > 1 else values[0]


def summary(phases: list[tuple[list[Sample], float]], kind: str) -> dict[str, float]:
    samples = [s for found, _ in phases for s in found if s[0] == kind]
    ok = [(done - sent) * 1000 for _, sent, done, status in samples if status == 200]
    spans = sum(max(s[2] for s in found) - start for found, start in phases if found)
    return {
        "sent": len(samples),
        "ok": len(ok),
        "refused": sum(1 for s in samples if s[3] == 412),
        "failed": sum(1 for s in samples if s[3] not in (200, 412)),
        "p50": statistics.median(ok) if ok else float("nan"),
        "p99": quantile(ok, 99) if ok else float("nan"),
        "per_s": len(ok) / spans if spans else 0.0,
    }


def report(kaohe: list[tuple[list[Sample], float]], bare: list[tuple[list[Sample], float]]) -> None:
    rows = [
        ("Kaohe reads", summary(kaohe, "read")),
        ("bare reads", summary(bare, "read")),
        ("Kaohe writes (Kaohe phases)", summary(kaohe, "write")),
        ("Kaohe writes (bare phases)", summary(bare, "write")),
    ]
    print("| requests | sent | 200 | 412 | other | p50 ms | p99 ms | answers/s |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, r in rows:
        print(
            f"| {name} | {r['sent']:.0f} | {r['ok']:.0f} | {r['refused']:.0f} | {r['failed']:.0f} "
            f"| {r['p50']:.1f} | {r['p99']:.1f} | {r['per_s']:.1f} |"
        )
    k, b = rows[0][1], rows[1][1]
    share, tail = k["per_s"] / b["per_s"], k["p99"] / b["p99"]
    other = Counter(s[3] for found, _ in [*kaohe, *bare] for s in found if s[3] not in (200, 412))
    if other:
        print()
        print(
            "* other answers by status: " + ", ".join(f"{k}: {n}" for k, n in sorted(other.items()))
        )
    print()
    print(f"* read throughput, Kaohe ÷ bare: {share:.2f} (goal ≥ 0.5: {verdict(share >= 0.5)})")
    print(f"* read p99, Kaohe ÷ bare: {tail:.1f}× (goal ≤ 4×: {verdict(tail <= 4)})")


def verdict(met: bool) -> str:
    return "met" if met else "missed"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=POSTGRES_URL)
    parser.add_argument("--seconds", type=float, default=20, help="per phase (4 phases)")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--rate", type=float, default=12, help="requests/s each client sends")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers per app")
    args = parser.parse_args()
    if why := postgres_down(args.url):
        print(f"skipped: PostgreSQL unreachable ({why})")
        return
    with throwaway_store("postgres", args.url) as env, tempfile.TemporaryDirectory() as logs:
        plan, table = load_demo_store(env)
        kaohe_port, bare_port = free_port(), free_port()
        served = {**os.environ, **env, "KAOHE_LOG_FORMAT": "json", "BARE_TABLE": table}
        gunicorn = [str(BIN / "gunicorn"), "--workers", str(args.workers), "--bind"]
        commands = [
            [*gunicorn, f"127.0.0.1:{kaohe_port}", "web.wsgi:app"],
            [*gunicorn, f"127.0.0.1:{bare_port}", "bench.bare_reads:app"],
            [str(BIN / "kaohe"), "projections", "run"],
        ]
        with running(commands, served, Path(logs) / "servers.log"):
            wait_until(kaohe_port, "/healthz")
            wait_until(bare_port, "/sheets/none", ok=404)
            actors = Actors.sign_in(kaohe_port, plan, args.clients)
            kaohe: list[tuple[list[Sample], float]] = []
            bare: list[tuple[list[Sample], float]] = []
            for _ in range(2):
                for port, phases in ((None, kaohe), (bare_port, bare)):
                    clients = actors.clients(kaohe_port, port, args.clients)
                    phases.append(phase(clients, args.seconds, args.rate))
        print(
            header(
                "Kaohe against a bare Flask + psycopg app under load",
                "postgres",
                "bench.api_concurrency",
            )
        )
        print(
            f"* the demo quarter; gunicorn {args.workers} sync workers per app, "
            f"`kaohe projections run` beside; {args.clients} clients × {args.rate:g} requests/s "
            f"offered (every fifth client writes, {len(actors.drafts)} drafts of this quarter "
            "among them), "
            f"4 phases of {args.seconds:g} s (Kaohe, bare, Kaohe, bare)"
        )
        print()
        report(kaohe, bare)


if __name__ == "__main__":
    main()
