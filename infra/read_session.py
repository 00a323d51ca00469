"""One request's reads of the views: on PostgreSQL one pooled connection for them all, each
view's serving version looked up once, and each read model brought up to the caller's own last
write (not the log's head): other callers' writes are left to the projection worker."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, ExitStack, contextmanager
from contextvars import ContextVar
from typing import Any

import psycopg
from eventsourcing import persistence
from eventsourcing.persistence import PersistenceError

DBAPI_ERRORS = (
    *("InterfaceError", "OperationalError", "DataError", "IntegrityError"),
    *("InternalError", "ProgrammingError", "NotSupportedError", "DatabaseError"),
)
"""psycopg's errors, most specific first, as `eventsourcing.persistence` names them too."""
_CURRENT: ContextVar[ReadSession | None] = ContextVar("kaohe_read_session", default=None)


class ReadSession:
    """What one request's reads share. On PostgreSQL every statement runs on one connection
    in autocommit: at READ COMMITTED each statement sees every commit before it (the caller's
    own writes among them), as the per-read transactions did, without their BEGIN and
    ROLLBACK, and without holding a view table's lock between reads (a rebuild may drop it)."""

    def __init__(self, owner: object, connect: Callable[[], Any] | None) -> None:
        self.owner = owner
        """The store's datastore these reads are of (another store's reads are not shared)."""
        self._connect = connect
        self._stack = ExitStack()
        self._connection: Any = None
        self.versions: dict[str, int] = {}
        """Serving version by projection name, as first read in this request."""
        self.seen: int | None = None
        """The log position these reads must reflect: the caller's last write (as remembered
        for its token, raised by each write in this request) where a projection worker keeps
        the views current; None: the log's head, as first read (nothing else keeps them)."""
        self.wrote = False
        """Whether this request wrote events (so the caller's position is remembered)."""
        self.applied: dict[str, int] = {}
        """Position each read model is known to have applied, by projection name."""

    def follow_caller(self, position: int) -> None:
        """A worker keeps the views current: these reads need only reflect the caller's own
        writes, up to `position` (and whatever this request writes)."""
        self.seen = max(self.seen or 0, position)

    def reflects(self, name: str) -> bool:
        """Whether a read model is known to have applied what these reads must see."""
        if self.seen is None:
            return name in self.applied
        return self.seen == 0 or self.applied.get(name, -1) >= self.seen

    @contextmanager
    def cursor(self) -> Iterator[Any]:
        """A cursor on the request's PostgreSQL connection (taken from the pool on first
        use); its errors raised as the store's own (`eventsourcing.persistence`)."""
        if self._connection is None:
            assert self._connect is not None
            self._connection = self._stack.enter_context(self._connect())
        try:
            with self._connection.cursor() as cursor:
                yield cursor
        except psycopg.Error as error:
            raise persistence_error(error) from error

    @property
    def shares_connection(self) -> bool:
        return self._connect is not None

    def close(self) -> None:
        self._stack.close()
        self._connection = None


def shared_cursor(owner: object) -> AbstractContextManager[Any] | None:
    """A cursor on the current request's connection to a store (its datastore); None when
    no read session shares one (its reads open their own)."""
    session = session_of(owner)
    return session.cursor() if session is not None and session.shares_connection else None


def persistence_error(error: psycopg.Error) -> PersistenceError:
    """The store's error for a psycopg error, as the store's own connections raise it."""
    for name in DBAPI_ERRORS:
        if isinstance(error, getattr(psycopg, name)):
            found: PersistenceError = getattr(persistence, name)(str(error))
            return found
    return PersistenceError(str(error))


def session_of(owner: object) -> ReadSession | None:
    """The current request's read session over a store (its datastore), if one is open."""
    found = _CURRENT.get()
    return found if found is not None and found.owner is owner else None


@contextmanager
def reading(owner: object, connect: Callable[[], Any] | None) -> Iterator[ReadSession]:
    """Share the reads of a store (`owner`: its datastore) until the block ends (`connect`: a pooled
    PostgreSQL connection's context manager; None on SQLite, whose reads stay their own)."""
    session = ReadSession(owner, connect)
    token = _CURRENT.set(session)
    try:
        yield session
    finally:
        _CURRENT.reset(token)
        session.close()


def log_written(positions: Sequence[int]) -> None:
    """Events were just written in this context at these log positions: the next read of
    each read model waits for them, so the caller reads its own write."""
    found = _CURRENT.get()
    if found is not None:
        found.seen = max([found.seen or 0, *positions])
        found.wrote = True
