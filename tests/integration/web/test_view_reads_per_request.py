"""On PostgreSQL a read (a page or an API GET) reads every view on one connection with no
transaction of its own, and each view's serving version is looked up once however many times
the request reads the view."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
import pytest

from tests.integration.web.world import World
from web.app import projections_of

READS = [
    ("staff", "/assessments/{aid}"),
    ("regulator", "/api/v1/assessments/{aid}"),
    ("reviewer", "/review"),
    ("reviewer", "/tables/scores?unit=T1&period=2023Q2"),
    ("reviewer", "/api/v1/tables/scores?unit=T1&period=2023Q2"),
]


def counting_statements(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Transactions begun, statements run, and each statement with its parameters, from now
    on."""
    counts: Counter[str] = Counter()
    execute, transaction = psycopg.Cursor.execute, psycopg.Connection.transaction

    def counted_execute(cursor: Any, query: Any, *args: Any, **kwargs: Any) -> Any:
        text = query if isinstance(query, str) else query.as_string(cursor.connection)
        counts[f"{' '.join(text.split())} {args[:1]!r}"] += 1
        counts["statements"] += 1
        return execute(cursor, query, *args, **kwargs)

    @contextmanager
    def counted_transaction(connection: Any, *args: Any, **kwargs: Any) -> Iterator[Any]:
        counts["transactions"] += 1
        with transaction(connection, *args, **kwargs) as tx:
            yield tx

    monkeypatch.setattr(psycopg.Cursor, "execute", counted_execute)
    monkeypatch.setattr(psycopg.Connection, "transaction", counted_transaction)
    return counts


@pytest.mark.parametrize(("username", "path"), READS)
def test_a_read_opens_no_transaction_and_reads_each_serving_version_once(
    world: World, monkeypatch: pytest.MonkeyPatch, username: str, path: str
) -> None:
    if projections_of(world.app).db.postgres is None:
        pytest.skip("SQLite reads each view in a snapshot of its own; this is PostgreSQL's")
    aid = world.assessment("V1", "2023Q2", "submitted")
    projections_of(world.app).catch_up()  # what the projection workers do in production
    headers = world.login(username)
    world.client.get(path.format(aid=aid), headers=headers)  # the first reading parses rubrics
    counts = counting_statements(monkeypatch)

    response = world.client.get(path.format(aid=aid), headers=headers)

    assert response.status_code == 200, response.data[:500]
    assert counts["statements"], "the read ran no statement at all"
    assert counts["transactions"] == 0, counts
    lookups = {k: n for k, n in counts.items() if k.startswith("SELECT active_version FROM")}
    assert lookups, "the read looked up no serving version"
    assert max(lookups.values()) == 1, [k[-80:] for k, n in lookups.items() if n > 1]
