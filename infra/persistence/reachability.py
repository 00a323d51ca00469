"""Whether the configured PostgreSQL answers, told quickly and by name when it does not."""

from __future__ import annotations

from typing import Any

import psycopg
import psycopg_pool
from eventsourcing.persistence import InterfaceError, OperationalError

from infra.errors import StoreUnreachableError
from infra.settings import PostgresUrl

CONNECT_TIMEOUT = 3
"""Seconds to wait for PostgreSQL to accept a connection (at start-up and in the pool)."""
RETRY_AFTER = 5
"""Seconds a client is asked to wait when the store cannot be reached."""
APPLICATION_NAME = "kaohe"
"""How Kaohe's connections appear in pg_stat_activity."""
STORE_DOWN: tuple[type[Exception], ...] = (
    OperationalError,
    InterfaceError,
    psycopg.OperationalError,
    psycopg.InterfaceError,
    psycopg_pool.PoolTimeout,
)
"""What reading or writing raises when the store cannot be reached (no input is to blame)."""


def check_reachable(url: PostgresUrl, timeout: float = CONNECT_TIMEOUT) -> None:
    """Connect once, within `timeout` seconds; raises StoreUnreachableError naming the host,
    port, database and user (never the password) and PostgreSQL's reason."""
    try:
        with psycopg.connect(
            host=url.host,
            port=url.port,
            dbname=url.dbname,
            user=url.user,
            password=url.password,
            connect_timeout=max(1, round(timeout)),
            application_name=APPLICATION_NAME,
        ):
            pass
    except psycopg.Error as error:
        cause = " ".join(str(error).split()) or type(error).__name__
        msg = (
            f"cannot connect to PostgreSQL at {url.host}:{url.port}, database {url.dbname!r} "
            f"as {url.user!r} (KAOHE_DATABASE_URL): {cause}"
        )
        raise StoreUnreachableError(msg) from None


def drop_broken_connections(store: Any) -> None:
    """After the store could not be reached: check the pool's idle connections and replace
    the broken ones now, rather than failing one request for each of them later."""
    pool = getattr(getattr(store.recorder, "datastore", None), "pool", None)
    if isinstance(pool, psycopg_pool.ConnectionPool) and not pool.closed:
        pool.check()
