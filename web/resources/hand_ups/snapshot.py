"""What a hand-up holds, computed here for the caller: the unit's tables at one log
position with the signed checkpoint that covers it; and the same tables as they are now."""

from __future__ import annotations

from domain.hand_up import HandedTable, HandUp, Snapshot
from projections.tables import Table
from projections.tables.table import cell_to_json
from web.context import queries
from web.resources.tables.routes import stamped_tables, tables_for


def handed_table(table: Table) -> HandedTable:
    """A table's title, header and rows as a hand-up keeps them (points as decimal text)."""
    rows = tuple(tuple(cell_to_json(cell) for cell in row) for row in table.rows)
    return HandedTable(table.title, table.columns, rows)


def snapshot_of(table: str, unit: str, period: str) -> Snapshot:
    """The unit's tables of the period as they stand now, stamped as downloads are."""
    tables, stamp = stamped_tables(table, {"unit": unit, "period": period})
    return Snapshot(
        tuple(handed_table(t) for t in tables), stamp.position, stamp.tree_size, stamp.root_hash
    )


def tables_now(record: HandUp) -> list[HandedTable]:
    """The handed-up tables as computed now, for the restatement."""
    code = queries().units.code_of(record.unit_id)
    query = {"unit": code, "period": record.period}
    return [handed_table(t) for t in tables_for(record.table, query)]
