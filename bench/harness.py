"""What the benchmarks share: a throwaway store, the Kaohe and bare apps, sheets, timing."""

from __future__ import annotations

import gc
import os
import platform
import shlex
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from decimal import Decimal
from importlib.metadata import version
from typing import Any
from uuid import UUID, uuid4

import psycopg
from eventsourcing.application import Application
from eventsourcing.domain import Aggregate
from psycopg import sql

from application.actor import Actor
from application.bus import Outcome
from application.commands.assessments import OpenAssessment, SaveSheet
from application.commands.base import Command
from application.commands.rubrics import PublishRubric
from application.commands.units import RegisterUnit
from application.service import Kaohe
from domain.account import Role
from domain.entries import ItemEntry
from domain.entry_data import entry_to_data
from domain.ids import unit_id
from domain.rubric import Item, UnitLevel
from domain.workflow import Layer
from infra.bootstrap import open_event_store
from infra.clock import SystemClock
from infra.evidence_files import FileEvidence
from infra.passwords import Argon2Hasher
from infra.persistence.env import event_store_env
from infra.rubric_files import BUILTIN_DIR, read_definition
from infra.settings import Settings

POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/test"
RUBRIC = "fengdu-village-station"
VILLAGE = Actor(UUID(int=11), Role.STATION_STAFF, unit_id("V1"))
Env = dict[str, str]


# The store ----------------------------------------------------------------------------


def postgres_down(url: str) -> str | None:
    """Why PostgreSQL at `url` cannot be used; None when it can."""
    try:
        with psycopg.connect(url, connect_timeout=3):
            return None
    except psycopg.OperationalError as error:
        return " ".join(str(error).split())


@contextmanager
def throwaway_store(backend: str, url: str = POSTGRES_URL) -> Iterator[Env]:
    """The KAOHE_* variables of an empty store: a SQLite file in a temp dir, or a new
    PostgreSQL schema (KAOHE_POSTGRES_SCHEMA) that is dropped afterwards."""
    with tempfile.TemporaryDirectory(prefix="kaohe-bench-") as tmp:
        if backend == "sqlite":
            yield {"KAOHE_DATA_DIR": tmp}
            return
        schema = f"kaohe_bench_{uuid4().hex[:12]}"
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
        try:
            yield {
                "KAOHE_DATA_DIR": tmp,
                "KAOHE_DATABASE_URL": url,
                "KAOHE_POSTGRES_SCHEMA": schema,
            }
        finally:
            with psycopg.connect(url, autocommit=True) as conn:
                conn.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(schema)))


def open_kaohe(env: Env) -> Kaohe:
    """Kaohe as infra.bootstrap builds it, with the system clock."""
    settings = Settings.from_env(env)
    files = FileEvidence(settings.data_dir / "evidence")
    hasher = Argon2Hasher(time_cost=1, memory_cost=1024)
    return Kaohe(open_event_store(settings), SystemClock(), hasher, files)


# The bare library ---------------------------------------------------------------------


class BareApp(Application[UUID]):
    """A plain eventsourcing application: default recorder, no hash chain, no index."""

    name = "Bare"


def open_bare(env: Env) -> BareApp:
    """The bare application on the same backend and settings as Kaohe's store (its own
    SQLite file beside Kaohe's, or its own tables in the same PostgreSQL schema), with the
    library's own recorder and JSONTranscoder."""
    settings = Settings.from_env(env)
    plain = {k: v for k, v in event_store_env(settings).items() if not k.startswith("KAOHE_")}
    plain.pop("APPLICATION_RECORDER_TOPIC")
    plain["TRANSCODER_TOPIC"] = ""
    if "SQLITE_DBNAME" in plain:
        plain["SQLITE_DBNAME"] = str(settings.data_dir.absolute() / "bare.db")
    return BareApp(env=plain | {"BARE_" + k: v for k, v in plain.items()})


AUDIT: dict[str, str] = {
    "actor_id": str(VILLAGE.account_id),
    "actor_role": VILLAGE.role.value,
    "actor_unit": str(VILLAGE.unit_id),
    "correlation_id": "bench",
    "reason": "",
    "prev_hash": "0" * 64,
    "hash": "f" * 64,
}
"""Audit fields of the same size as Kaohe's, fixed (the bare side computes no hashes)."""


class BareSheet(Aggregate):
    """A scoring sheet in the plain library style: event classes shaped like Kaohe's, applied
    the same way, without checks, hash chain, audit stamping or index rows."""

    class Event(Aggregate.Event):
        actor_id: str
        actor_role: str
        actor_unit: str
        correlation_id: str
        reason: str
        prev_hash: str
        hash: str

    class Opened(Event, Aggregate.Created):
        unit_id: UUID
        rubric_id: UUID
        rubric_code: str
        rubric_version: int
        rubric_hash: str
        period: str

        def apply(self, aggregate: Any) -> None:
            aggregate.layers = {layer.value: {} for layer in Layer}

    class ItemScored(Event):
        item: str
        layer: str
        entry: dict[str, Any]
        previous: dict[str, Any] | None

        def apply(self, aggregate: Any) -> None:
            aggregate.layers[self.layer][self.item] = self.entry

    layers: dict[str, dict[str, dict[str, Any]]]

    def __init__(self) -> None:
        """State comes from the events' apply methods."""


def bare_open() -> BareSheet:
    """A new bare sheet (one Opened event, not saved)."""
    return BareSheet._create(
        BareSheet.Opened,
        id=uuid4(),
        unit_id=uuid4(),
        rubric_id=uuid4(),
        rubric_code=RUBRIC,
        rubric_version=1,
        rubric_hash="e" * 64,
        period="2023Q2",
        **AUDIT,
    )


def bare_fill(sheet: BareSheet, entries: Mapping[str, ItemEntry]) -> None:
    """One ItemScored event per entry, with the entry data Kaohe would store."""
    layer = sheet.layers[Layer.SELF.value]
    for number, entry in entries.items():
        sheet.trigger_event(
            BareSheet.ItemScored,
            item=number,
            layer=Layer.SELF.value,
            entry=entry_to_data(entry),
            previous=layer.get(number),
            **AUDIT,
        )


def bare_grown(app: BareApp, items: list[Item], events: int) -> UUID:
    """A saved bare sheet of exactly `events` events, grown like `grown` (one save a sheet)."""
    bare = bare_open()
    for entries in revisions(items, events - 1):
        bare_fill(bare, entries)
        app.save(bare)
    return bare.id


# Kaohe's world ------------------------------------------------------------------------


def send(app: Kaohe, command: Command, expected: int | None = None) -> Outcome:
    """Run a command as the village's staff through the set-up path (not authorized)."""
    return app.setup(command, "bench", VILLAGE, expected=expected)


def set_up_world(app: Kaohe) -> list[Item]:
    """Units CITY > C1 > T1 > V1, the Fengdu rubric published; its standard items."""
    app.setup(RegisterUnit(code="CITY", unit_name="长治市", level=UnitLevel.CITY, parent=None))
    app.setup(RegisterUnit(code="C1", unit_name="潞州区", level=UnitLevel.COUNTY, parent="CITY"))
    app.setup(RegisterUnit(code="T1", unit_name="东街街道", level=UnitLevel.TOWN, parent="C1"))
    app.setup(RegisterUnit(code="V1", unit_name="东街社区", level=UnitLevel.VILLAGE, parent="T1"))
    rubric_id = app.setup(
        PublishRubric(definition=read_definition(BUILTIN_DIR / f"{RUBRIC}.v1.yaml"))
    ).id
    rubric = app.rubrics.rubric(rubric_id)
    items = [i for i in rubric.items() if i.kind.value == "standard"]
    assert len(items) == 57, len(items)
    return items


class Periods:
    """Fresh quarters (2000Q1, 2000Q2, …) so every opened assessment is a new one."""

    def __init__(self) -> None:
        self.next = 0

    def take(self) -> str:
        n, self.next = self.next, self.next + 1
        return f"{2000 + n // 4:04d}Q{n % 4 + 1}"


def open_assessment(app: Kaohe, periods: Periods) -> UUID:
    opening = OpenAssessment(unit="V1", rubric=RUBRIC, version=1, period=periods.take())
    return send(app, opening).id


def sheet(items: list[Item], turn: int) -> dict[str, ItemEntry]:
    """Every standard item at its maximum (even turns) or half a point less (odd turns)."""
    less = Decimal(turn % 2) * Decimal("0.5")
    return {i.number: ItemEntry(points=(i.max_points or Decimal(1)) - less) for i in items}


def revisions(items: list[Item], count: int) -> Iterator[dict[str, ItemEntry]]:
    """Whole sheets of alternating values, then part of one: exactly `count` changes."""
    turn = 0
    while count > 0:
        part = items[: min(count, len(items))]
        yield sheet(part, turn)
        count -= len(part)
        turn += 1


def grown(app: Kaohe, items: list[Item], periods: Periods, events: int) -> UUID:
    """An assessment of exactly `events` events (Opened + revisions), built by saving
    whole sheets of alternating values through the application, then part of one."""
    aid = open_assessment(app, periods)
    current = 1
    for entries in revisions(items, events - 1):
        send(app, SaveSheet(assessment_id=aid, entries=entries), expected=current)
        current += len(entries)
    assert app.assessments.get(aid).version == events
    return aid


# Timing -------------------------------------------------------------------------------

Prepare = Callable[[], Callable[[], object]]
"""Untimed set-up that returns the operation to time."""


def interleaved(
    cases: Mapping[str, Prepare], rounds: int, warmup: int = 3
) -> dict[str, list[float]]:
    """Milliseconds of each case, `rounds` times; the cases alternate within every round
    (A B, then B A) so drift on a shared machine hits them alike. Warm-up rounds are dropped."""
    names = list(cases)
    times: dict[str, list[float]] = {name: [] for name in names}
    for r in range(warmup + rounds):
        for name in names if r % 2 == 0 else reversed(names):
            operation = cases[name]()
            gc.collect()
            start = time.perf_counter_ns()
            operation()
            elapsed = (time.perf_counter_ns() - start) / 1e6
            if r >= warmup:
                times[name].append(elapsed)
    return times


def median(samples: list[float]) -> float:
    return statistics.median(samples)


def quartiles(samples: list[float]) -> tuple[float, float]:
    q = statistics.quantiles(samples, n=4)
    return q[0], q[2]


# Reporting ----------------------------------------------------------------------------


def header(title: str, backend: str, module: str) -> str:
    """Date, exact command and environment of a run, as Markdown."""
    command = shlex.join([".venv/bin/python", "-m", module, *sys.argv[1:]])
    return "\n".join(
        [
            f"### {title} — {backend}",
            "",
            f"* date: {datetime.now(UTC).isoformat(timespec='seconds')}",
            f"* command: `{command}`",
            f"* Python {platform.python_version()}, eventsourcing {version('eventsourcing')}, "
            f"SQLite {sqlite3.sqlite_version}, {os.cpu_count()} CPUs, load average "
            f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}",
            "",
        ]
    )
