"""Checking a downloaded table (XLSX, CSV or JSON) against the ledger by its stamp."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from domain.checkpoint import Checkpoint
from domain.errors import CheckpointError
from domain.merkle_frontier import Frontier
from infra.errors import NoteError
from infra.export_stamp import MARK, Grid, Stamp, grid, normal, rows_hash
from infra.ledger_log import logged_events
from infra.projections.registry import Projections
from infra.projections.tables import TableRequest, read_tables
from infra.signed_note import VerifierKey, signed_by, split_note

MAX_CELLS = 20
"""Differing cells named one by one; the rest are counted."""


@dataclass
class ExportReport:
    """What `verify-export` found: nothing (the file is what the ledger gives) or problems."""

    stamp: Stamp
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def read_export(path: Path) -> tuple[Stamp, Grid]:
    """The stamp and the tables (header, rows) of a downloaded file."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".xlsx":
            return _read_xlsx(path)
        text = path.read_text(encoding="utf-8-sig")
        return _read_json(text) if suffix == ".json" else _read_csv(text)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError) as error:
        raise ValueError(f"cannot read {path} as a table download: {error}") from None


def _stamp_of(lines: list[str], path: str) -> Stamp:
    found = [line for line in lines if line.startswith(MARK)]
    if not found:
        raise ValueError(f"{path} carries no stamp (a line starting {MARK.strip()!r})")
    if any(line != found[0] for line in found):
        raise ValueError(f"{path} carries different stamps on its tables")
    return Stamp.parse(found[0])


def _read_xlsx(path: Path) -> tuple[Stamp, Grid]:
    book = load_workbook(path, read_only=True)
    marks: list[str] = []
    tables: Grid = []
    for sheet in book.worksheets:
        rows = [[shown(c) for c in r] for r in sheet.iter_rows()]
        at = next((i for i, r in enumerate(rows) if str(r[0] or "").startswith(MARK)), None)
        if at is None or at + 1 >= len(rows):
            raise ValueError(f"sheet {sheet.title} of {path} carries no stamp before its header")
        marks.append(str(rows[at][0]))
        header = rows[at + 1]
        width = next((i for i, c in enumerate(header) if c is None), len(header))
        body = []
        for row in rows[at + 2 :]:
            if all(c is None for c in row):
                break
            body.append([normal(c) for c in row[:width]])
        tables.append(([normal(c) for c in header[:width]], body))
    return _stamp_of(marks, str(path)), tables


def shown(cell: Any) -> object:
    """A cell's value, a rate (a cell in percent format, holding 0.5) in percent (50)."""
    value = cell.value
    if isinstance(value, int | float) and str(cell.number_format).endswith("%"):
        return Decimal(str(value)) * 100
    return value


def _read_csv(text: str) -> tuple[Stamp, Grid]:
    blocks: list[list[list[str]]] = [[]]
    for row in csv.reader(io.StringIO(text)):
        if row:
            blocks[-1].append(row)
        elif blocks[-1]:
            blocks.append([])
    marks = [r[0] for b in blocks for r in b if r and r[0].startswith(MARK)]
    tables = [b for b in blocks if b and not any(r[0].startswith(MARK) for r in b)]
    if len(tables) > 1:  # several tables each start with a title row (title, 填报单位 …)
        tables = [b[1:] for b in tables]
    return _stamp_of(marks, "the CSV file"), [
        ([normal(c) for c in b[0]], [[normal(c) for c in r] for r in b[1:]]) for b in tables
    ]


def _read_json(text: str) -> tuple[Stamp, Grid]:
    data: Any = json.loads(text)
    found = data if isinstance(data, list) else [data]
    marks = [line for t in found for line in t["context"] if line.startswith(MARK)]
    tables: Grid = [
        ([normal(c) for c in t["columns"]], [[normal(c) for c in r] for r in t["rows"]])
        for t in found
    ]
    return _stamp_of(marks, "the JSON file"), tables


def verify_export(projections: Projections, path: Path, key: VerifierKey) -> ExportReport:
    """The file's stamp checked against the ledger: its checkpoint's signature, that the
    store's first `tree_size` events still hash to its root, and that the table recomputed
    at its log position gives the rows of the stamp and of the file."""
    stamp, in_file = read_export(path)
    report = ExportReport(stamp)
    report.problems += _checkpoint_problems(stamp, key)
    report.problems += _log_problems(projections, stamp)
    expected = grid(recompute(projections, stamp))
    if rows_hash(expected) != stamp.rows_hash:
        report.problems.append(
            f"the ledger at log position {stamp.position} gives other rows than the stamp's "
            f"rows hash {stamp.rows_hash}"
        )
    if rows_hash(in_file) != stamp.rows_hash:
        report.problems.append("the file's rows do not hash to the stamp's rows hash")
    report.problems += differences(in_file, expected)
    return report


def _checkpoint_problems(stamp: Stamp, key: VerifierKey) -> list[str]:
    if signed_by(stamp.note, key) is None:
        return [f"the stamp's checkpoint is not signed by the log key {key.name}"]
    try:
        checkpoint = Checkpoint.parse(split_note(stamp.note)[0])
    except (NoteError, CheckpointError) as error:
        return [f"the stamp's checkpoint cannot be read: {error}"]
    if (checkpoint.size, checkpoint.root.hex()) != (stamp.tree_size, stamp.root_hash):
        return ["the stamp's tree size or root hash is not its signed checkpoint's"]
    return []


def _log_problems(projections: Projections, stamp: Stamp) -> list[str]:
    frontier, last = Frontier(), 0
    for event in logged_events(projections.store.recorder):
        if frontier.size == stamp.tree_size:
            break
        frontier.append(event.leaf)
        last = event.position
    if frontier.size < stamp.tree_size:
        held = f"the ledger holds {frontier.size} events"
        return [f"{held}, fewer than the checkpoint's {stamp.tree_size}"]
    if frontier.root().hex() != stamp.root_hash:
        return [
            f"the ledger's first {stamp.tree_size} events no longer hash to the checkpoint's "
            "root: history was changed (kaohe ledger verify --checkpoint names the events)"
        ]
    if last < stamp.position:
        return [f"log position {stamp.position} is after the checkpoint's last event ({last})"]
    return []


def recompute(projections: Projections, stamp: Stamp) -> list[Any]:
    projections.catch_up()
    as_of = None if stamp.as_of is None else datetime.fromisoformat(stamp.as_of)
    today = date.fromisoformat(stamp.today)
    return [
        table
        for code in stamp.units or (None,)
        for table in read_tables(
            projections, TableRequest(stamp.table, code, stamp.period, as_of, today), stamp.position
        )
    ]


def differences(in_file: Grid, expected: Grid) -> list[str]:
    """Each cell, header or row count of the file that differs from the ledger's table."""
    if len(in_file) != len(expected):
        return [f"the file has {len(in_file)} table(s), the ledger gives {len(expected)}"]
    found: list[str] = []
    for number, ((head, rows), (want_head, want_rows)) in enumerate(
        zip(in_file, expected, strict=True), 1
    ):
        if head != want_head:
            found.append(f"table {number}: the header is {head}, the ledger gives {want_head}")
            continue
        if len(rows) != len(want_rows):
            found.append(f"table {number}: {len(rows)} rows, the ledger gives {len(want_rows)}")
        for r, (row, want) in enumerate(zip(rows, want_rows, strict=False), 1):
            for label, cell, wanted in zip(head, row, want, strict=False):
                if cell != wanted:
                    found.append(
                        f"table {number}, row {r}, column {label}: the file has {cell!r}, "
                        f"the ledger gives {wanted!r}"
                    )
    if len(found) > MAX_CELLS:
        found = [*found[:MAX_CELLS], f"and {len(found) - MAX_CELLS} more"]
    return found
