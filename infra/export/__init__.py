"""Writing read-model tables out: CSV, JSON and Excel (xlsx laid out like the seed forms)."""

from infra.export.text import write_csv, write_csv_tables, write_json
from infra.export.workbook import write_xlsx

__all__ = ["write_csv", "write_csv_tables", "write_json", "write_xlsx"]
