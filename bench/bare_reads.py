"""The baseline of `bench.api_concurrency`: a bare Flask + psycopg app answering the sheet
read from the same table Kaohe's scores view keeps (no sign-in, no authorization, no
history): one pooled connection, one SELECT by primary key, the row as JSON.

    gunicorn 'bench.bare_reads:app'   (KAOHE_DATABASE_URL, BARE_TABLE: the serving table, quoted)"""

from __future__ import annotations

import os
from typing import Any

from flask import Flask, abort
from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool

app = Flask(__name__)
TABLE = os.environ["BARE_TABLE"]
POOL: ConnectionPool[Any] = ConnectionPool(
    os.environ["KAOHE_DATABASE_URL"],
    min_size=1,
    max_size=2,
    kwargs={"autocommit": True, "row_factory": dict_row},
    open=False,
)


@app.get("/sheets/<aid>")
def sheet(aid: str) -> dict[str, Any]:
    POOL.open()
    with POOL.connection() as conn:
        row = conn.execute(
            f"SELECT * FROM {TABLE} WHERE assessment_id = %s", (aid,), prepare=True
        ).fetchone()
    if row is None:
        abort(404)
    return {k: v if isinstance(v, str | int | None) else str(v) for k, v in row.items()}
