"""Tables as CSV (header and rows only) and as JSON (title, context, columns, rows, footer)."""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from decimal import Decimal
from typing import TextIO

from projections.numbers import Rate, points_text, rate_text
from projections.tables.table import Cell, Table

BOM = "\ufeff"


def write_csv(table: Table, stream: TextIO, bom: bool = False) -> None:
    """The header row and the data rows; no title or context lines, so that the file reads
    back as plain data. Open the stream with newline="". `bom` starts the text with a byte
    order mark, which Excel needs to read UTF-8 Chinese text correctly."""
    if bom:
        stream.write(BOM)
    writer = csv.writer(stream)
    writer.writerow(table.columns)
    writer.writerows([csv_cell(cell) for cell in row] for row in table.rows)


def csv_cell(cell: Cell) -> str:
    """A cell as the table pages and CSV files show it: points as people write them, without
    trailing zeros (89.0 → 89, 89.50 → 89.5, -0 → 0), so one sheet never reads "99.0" where
    another reads "89"; rates to one decimal with their sign (50.0%, 33.3%). The XLSX holds
    the same numbers as numeric cells."""
    if cell is None:
        return ""
    if isinstance(cell, Rate):
        return rate_text(cell)
    if isinstance(cell, Decimal):
        return points_text(cell)
    return str(cell)


def write_json(tables: Table | Sequence[Table], stream: TextIO) -> None:
    """The whole table as JSON (several: a list), points as decimal text, Chinese readable."""
    data = tables.to_json() if isinstance(tables, Table) else [t.to_json() for t in tables]
    json.dump(data, stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def write_csv_tables(
    tables: Sequence[Table], stream: TextIO, bom: bool = False, trailer: Sequence[str] = ()
) -> None:
    """Several tables one after another, each its header and rows, a blank line between;
    then, after another blank line, each `trailer` line (a stamp) as a row of one cell.
    With more than one table, a title row (the title, then the context lines 填报单位, 期间 …)
    comes before each header, so a reader can tell whose rows follow; one table stays plain
    data under its header."""
    titled = len(tables) > 1
    for number, table in enumerate(tables):
        if number:
            stream.write("\r\n")
        if bom and number == 0:
            stream.write(BOM)
        if titled:
            csv.writer(stream).writerow([table.title, *table.context])
        write_csv(table, stream)
    if trailer:
        stream.write("\r\n")
        csv.writer(stream).writerows([line] for line in trailer)
