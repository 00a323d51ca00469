"""Points read the same on the table pages and in the CSV files: as people write them, without
trailing zeros (89, 89.5), whatever arithmetic gave them (89.0, 89.50)."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from infra.export import write_csv
from projections.tables.table import Table
from web.pages.reports.views import table_view

POINTS = (Decimal("89.0"), Decimal("89.50"), Decimal("-0.0"), Decimal(100), 3)
TABLE = Table("t", "得分", ("得分",), tuple((p,) for p in POINTS))
WRITTEN = ["89", "89.5", "0", "100", "3"]


def test_a_csv_writes_points_without_trailing_zeros() -> None:
    out = io.StringIO(newline="")
    write_csv(TABLE, out)
    assert [row[0] for row in csv.reader(io.StringIO(out.getvalue()))][1:] == WRITTEN


def test_a_table_page_shows_the_points_as_its_csv_does() -> None:
    shown = [row.cells[0].text for row in table_view(1, TABLE).rows]
    assert shown == WRITTEN
