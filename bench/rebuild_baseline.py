"""The rebuild benchmark's baseline: a plain hand-written projector over the same log.

Its steps, and nothing more: stream the events through a server-side cursor in log order,
decode each payload with orjson, write one audit row per event by binary COPY, fold each
sheet's entries in memory, write one row per sheet by binary COPY, then make the indexes
(and primary keys). It keeps no tracking position, no versions, no facts for old values and
scores nothing: it is what the work costs when written by hand for this one history."""

from __future__ import annotations

import time
from datetime import datetime
from typing import Any

import orjson
import psycopg
from psycopg import sql

from bench.history import EVENTS_TABLE
from infra.projections.catalog import INDEX_MEMORY

ITERSIZE = 5000
"""Rows the server-side cursor fetches at a time."""
AUDIT = "bench_baseline_audit"
SHEETS = "bench_baseline_sheets"
AUDIT_COLUMNS = (
    ("position", "int8"),
    ("occurred_at", "timestamptz"),
    ("actor_id", "text"),
    ("actor_role", "text"),
    ("actor_unit", "text"),
    ("correlation_id", "text"),
    ("aggregate_id", "text"),
    ("aggregate_version", "int4"),
    ("topic", "text"),
    ("item", "text"),
    ("layer", "text"),
    ("entry", "text"),
    ("reason", "text"),
    ("hash", "text"),
)
SHEET_COLUMNS = (
    ("assessment_id", "text"),
    ("unit_id", "text"),
    ("rubric_id", "text"),
    ("period", "text"),
    ("status", "text"),
    ("version", "int4"),
    ("position", "int8"),
    ("changed_at", "timestamptz"),
    ("changed_by", "text"),
    ("layers", "text"),
)
INDEXES = (
    "ALTER TABLE {audit} ADD PRIMARY KEY (position)",
    "CREATE INDEX ON {audit} (aggregate_id, position)",
    "CREATE INDEX ON {audit} (actor_id, position)",
    "CREATE INDEX ON {audit} (occurred_at)",
    "ALTER TABLE {sheets} ADD PRIMARY KEY (assessment_id)",
    "CREATE INDEX ON {sheets} (unit_id, period)",
)
STATUS = {
    "Submitted": "submitted",
    "Returned": "returned",
    "Approved": "approved",
    "Finalized": "finalized",
    "Reopened": "submitted",
}
"""Status events by name, and the status each moves a sheet to."""

Sheet = dict[str, Any]


def _create(conn: psycopg.Connection[Any], table: sql.Composed, columns: Any) -> None:
    conn.execute(sql.SQL("DROP TABLE IF EXISTS {}").format(table))
    spec = ", ".join(f"{name} {kind}" for name, kind in columns)
    conn.execute(sql.SQL("CREATE TABLE {} (" + spec + ")").format(table))


def _copy(columns: Any, table: sql.Composed) -> sql.Composed:
    names = sql.SQL(", ").join(sql.Identifier(name) for name, _ in columns)
    return sql.SQL("COPY {} ({}) FROM STDIN (FORMAT BINARY)").format(table, names)


def _fold(sheets: dict[str, Sheet], aggregate: str, name: str, p: dict[str, Any], row: Any) -> None:
    """Fold one assessment event into its sheet, kept in memory until the end."""
    if name == "Opened":
        sheets[aggregate] = {
            "unit_id": p["unit_id"]["_data_"],
            "rubric_id": p["rubric_id"]["_data_"],
            "period": p["period"],
            "status": "draft",
            "layers": {},
        }
    sheet = sheets[aggregate]
    if "entry" in p and "layer" in p:
        sheet["layers"].setdefault(p["layer"], {})[p["item"]] = p["entry"]
    elif name in STATUS:
        sheet["status"] = STATUS[name]
    sheet["version"], sheet["position"], sheet["at"], sheet["by"] = row


def run(url: str, schema: str, scratch: str) -> dict[str, Any]:
    """Project every event of the history into the scratch schema; the figures of the run."""
    events = sql.Identifier(schema, EVENTS_TABLE)
    audit, sheet_table = sql.Identifier(scratch, AUDIT), sql.Identifier(scratch, SHEETS)
    select = sql.SQL(
        "SELECT notification_id, originator_id, originator_version, topic, state "
        "FROM {} ORDER BY notification_id"
    ).format(events)
    sheets: dict[str, Sheet] = {}
    count = 0
    with psycopg.connect(url) as reading, psycopg.connect(url) as writing:
        _create(writing, audit, AUDIT_COLUMNS)
        _create(writing, sheet_table, SHEET_COLUMNS)
        writing.commit()
        start = time.perf_counter()
        with (
            reading.cursor(name="baseline_stream") as stream,
            writing.cursor() as cursor,
            cursor.copy(_copy(AUDIT_COLUMNS, audit)) as copy,
        ):
            copy.set_types([kind for _, kind in AUDIT_COLUMNS])
            stream.itersize = ITERSIZE
            stream.execute(select)
            for position, originator, version, topic, state in stream:
                p = orjson.loads(state)
                at = datetime.fromisoformat(p["timestamp"]["_data_"])
                aggregate = str(originator)
                entry = p.get("entry")
                copy.write_row(
                    (
                        *(position, at, p["actor_id"], p["actor_role"], p["actor_unit"]),
                        *(p["correlation_id"], aggregate, version, topic, p.get("item")),
                        p.get("layer"),
                        None if entry is None else orjson.dumps(entry).decode(),
                        *(p["reason"], p["hash"]),
                    )
                )
                kind, _, name = topic.rpartition(".")
                if kind == "domain.assessment:Assessment":
                    _fold(sheets, aggregate, name, p, (version, position, at, p["actor_id"]))
                count += 1
        with writing.cursor() as cursor, cursor.copy(_copy(SHEET_COLUMNS, sheet_table)) as copy:
            copy.set_types([kind for _, kind in SHEET_COLUMNS])
            for aggregate, s in sheets.items():
                copy.write_row(
                    (
                        *(aggregate, s["unit_id"], s["rubric_id"], s["period"], s["status"]),
                        *(s["version"], s["position"], s["at"], s["by"]),
                        orjson.dumps(s["layers"], option=orjson.OPT_SORT_KEYS).decode(),
                    )
                )
        writing.execute(f"SET maintenance_work_mem = '{INDEX_MEMORY}'")
        for statement in INDEXES:
            writing.execute(sql.SQL(statement).format(audit=audit, sheets=sheet_table))
        writing.commit()
        seconds = time.perf_counter() - start
    return {"side": "baseline", "events": count, "seconds": seconds, "parts": {}, "peaks": {}}
