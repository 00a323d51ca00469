"""A projection as the runners see it: a processor and the SQL view it writes, by version."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from infra.projections.database import Tx
from projections.processing import Processor


class SqlView(Protocol):
    """A view's tables in the event store's database, written one batch at a time. Each
    version of the view has its own tables (`<table>_v<version>`)."""

    def tables(self, version: int) -> list[str]:
        """CREATE TABLE statements of a version."""
        ...

    def indexes(self, version: int) -> list[str]:
        """CREATE INDEX statements of a version (a rebuild makes them after the bulk load)."""
        ...

    def table_names(self, version: int) -> list[str]: ...

    def begin(self, tx: Tx, version: int) -> None:
        """Start writing a batch into a version inside the given transaction."""
        ...

    def flush(self) -> None:
        """Write what the batch buffered, before its tracking position is recorded."""
        ...

    def forget(self) -> None:
        """Drop anything cached from the tables: another writer (or a rollback) moved them."""
        ...

    def building(self, version: int | None, fresh: bool = True) -> None:
        """Batches from now on go to `version`, which is being built and read by no one until
        it serves: append-only rows may be copied in bulk and work deferred to `settle`.
        `fresh`: the version was empty when the build began. None: back to ordinary batches
        (anything still deferred is dropped)."""
        ...

    def settle(self, tx: Tx) -> None:
        """Write everything deferred while building, in the builder's transaction."""
        ...


W = TypeVar("W", bound=SqlView)


@dataclass(frozen=True)
class Projection(Generic[W]):
    """A read model: its processor writes into its view."""

    processor: Processor[W]
    view: W

    @property
    def name(self) -> str:
        return self.processor.name

    @property
    def layout(self) -> str:
        """The processor's revision and a digest of the tables: a version built under another
        layout is stale and must be rebuilt."""
        ddl = "\n".join(self.view.tables(0) + self.view.indexes(0))
        return f"r{self.processor.revision}-{hashlib.sha256(ddl.encode()).hexdigest()[:16]}"
