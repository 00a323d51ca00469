"""Which version of each view serves and which is being built, and each version's position."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from infra.errors import StaleVersionError
from infra.projections.advisory import lock_key
from infra.projections.database import DB_ERRORS, Database, Tx
from infra.projections.failures import Failures
from infra.projections.view import Projection
from infra.read_session import ReadSession

CREATE = (
    "CREATE TABLE IF NOT EXISTS {versions} ("
    "name TEXT PRIMARY KEY, active_version INTEGER NOT NULL, building_version INTEGER)",
    "CREATE TABLE IF NOT EXISTS {tracking} ("
    "name TEXT NOT NULL, version INTEGER NOT NULL, position BIGINT NOT NULL, "
    "layout TEXT NOT NULL, PRIMARY KEY (name, version))",
)


ONE = "WHERE name = %s AND version = %s"
INDEX_MEMORY = "256MB"
"""Memory PostgreSQL may use to sort a version's rows when its indexes are made."""
T = TypeVar("T")


@dataclass(frozen=True)
class Versions:
    """One projection's catalog entry: the serving version and the one being built, if any."""

    name: str
    active: int
    active_position: int
    active_layout: str
    building: int | None
    building_position: int | None


class Catalog:
    """`projection_versions(name, active_version, building_version)` and
    `projection_tracking(name, version, position, layout)`: a version's tables and its
    tracking row are created together and dropped together."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.versions_table = db.table("projection_versions")
        self.tracking_table = db.table("projection_tracking")
        self.failures = Failures(db)

    def ensure(self, projection: Projection[Any]) -> None:
        """Create the catalog and, the first time, version 1 of the projection (empty)."""
        with self.db.write() as tx:
            if self.db.postgres is not None:  # concurrent CREATE TABLE IF NOT EXISTS can clash
                tx.run("SELECT pg_advisory_xact_lock(%s)", (lock_key(self.db.schema, "ddl"),))
            for statement in CREATE:
                tx.run(statement.format(versions=self.versions_table, tracking=self.tracking_table))
            self.failures.create(tx)
            found = tx.row(
                f"SELECT 1 AS x FROM {self.versions_table} WHERE name = %s", [projection.name]
            )
            if found is None:
                self._create(tx, projection, 1, with_indexes=True)
                tx.run(f"INSERT INTO {self.versions_table} VALUES (%s, 1, NULL)", [projection.name])

    def versions(self, name: str, tx: Tx | None = None) -> Versions | None:
        if tx is None:
            with self.db.read() as reading:
                return self.versions(name, reading)
        rows = tx.rows(
            f"SELECT v.active_version, v.building_version, t.version, t.position, t.layout "
            f"FROM {self.versions_table} v JOIN {self.tracking_table} t ON t.name = v.name "
            f"WHERE v.name = %s",
            [name],
        )
        if not rows:
            return None
        by_version = {r["version"]: r for r in rows}
        active, building = rows[0]["active_version"], rows[0]["building_version"]
        built = by_version.get(building)
        return Versions(
            name,
            active,
            by_version[active]["position"],
            by_version[active]["layout"],
            building,
            None if built is None else built["position"],
        )

    def lock(self, tx: Tx, name: str, version: int) -> int | None:
        """Lock a version's tracking row for this transaction and return its position (None
        if the version is gone), so batches of one version run one at a time. (A SQLite write
        transaction already holds the database's write lock.)"""
        for_update = " FOR UPDATE" if self.db.postgres is not None else ""
        row = tx.row(
            f"SELECT position FROM {self.tracking_table} {ONE}{for_update}", [name, version]
        )
        return None if row is None else int(row["position"])

    def advance(self, tx: Tx, name: str, version: int, position: int) -> None:
        """Record the new position; only ever forward."""
        changed = tx.run(
            f"UPDATE {self.tracking_table} SET position = %s {ONE} AND position < %s",
            [position, name, version, position],
        )
        if changed != 1:
            msg = f"{name} v{version}: tracking cannot move to {position}"
            raise StaleVersionError(msg)
        self.failures.clear(tx, name, version, position)

    def start_build(self, projection: Projection[Any]) -> int:
        """The version to build: the one a stopped rebuild left (resumed, if of the same
        layout), or a new one with empty tables and no indexes yet."""
        name = projection.name
        with self.db.write() as tx:
            current = self.versions(name, tx)
            if current is None:
                raise LookupError(f"projection {name} is not set up")
            if current.building is not None:
                layout = tx.row(
                    f"SELECT layout FROM {self.tracking_table} {ONE}",
                    [name, current.building],
                )
                if layout is not None and layout["layout"] == projection.layout:
                    return current.building
                self._drop(tx, projection, current.building)
            top = tx.row(
                f"SELECT MAX(version) AS v FROM {self.tracking_table} WHERE name = %s", [name]
            )
            version = max(current.active, current.building or 0, (top or {}).get("v") or 0) + 1
            self._create(tx, projection, version, with_indexes=False)
            tx.run(
                f"UPDATE {self.versions_table} SET building_version = %s WHERE name = %s",
                [version, name],
            )
            return version

    def make_indexes(self, projection: Projection[Any], version: int) -> None:
        with self.db.write() as tx:
            if self.db.postgres is not None:  # sort a built version's rows in memory
                tx.run(f"SET LOCAL maintenance_work_mem = '{INDEX_MEMORY}'")
            for statement in projection.view.indexes(version):
                tx.run(statement)

    def switch(self, tx: Tx, name: str, version: int) -> int | None:
        """Serve the built version from now on; returns the version it replaces (None if
        another builder of the same version switched first: on SQLite nothing stops two)."""
        current = self.versions(name, tx)
        if current is not None and current.active == version:
            return None
        if current is None or current.building != version:
            raise StaleVersionError(f"{name} v{version} is no longer the version being built")
        tx.run(
            f"UPDATE {self.versions_table} SET active_version = %s, building_version = NULL "
            f"WHERE name = %s",
            [version, name],
        )
        return current.active

    def drop(self, projection: Projection[Any], version: int) -> None:
        with self.db.write() as tx:
            self._drop(tx, projection, version)

    def abandon(self, projection: Projection[Any], version: int) -> None:
        """Drop a version being built, and build none: the serving version stays."""
        with self.db.write() as tx:
            self._drop(tx, projection, version)
            tx.run(
                f"UPDATE {self.versions_table} SET building_version = NULL "
                "WHERE name = %s AND building_version = %s",
                [projection.name, version],
            )

    def _create(
        self, tx: Tx, projection: Projection[Any], version: int, with_indexes: bool
    ) -> None:
        view = projection.view
        for statement in view.tables(version) + (view.indexes(version) if with_indexes else []):
            tx.run(statement)
        tx.run(
            f"INSERT INTO {self.tracking_table} VALUES (%s, %s, 0, %s)",
            [projection.name, version, projection.layout],
        )

    def _drop(self, tx: Tx, projection: Projection[Any], version: int) -> None:
        # Deleting the tracking row first waits for a batch still writing this version.
        tx.run(
            f"DELETE FROM {self.tracking_table} {ONE}",
            [projection.name, version],
        )
        for table in projection.view.table_names(version):
            tx.run(f"DROP TABLE IF EXISTS {table}")


class ActiveVersion:
    """Reads one projection's serving version. On PostgreSQL each statement sees the latest
    commit, so a rebuild may switch and drop the version between finding it and reading it:
    the read then runs once more, on the new version."""

    def __init__(self, catalog: Catalog, name: str) -> None:
        self.catalog = catalog
        self.db = catalog.db
        self.name = name

    def version(self, tx: Tx) -> int:
        row = tx.row(
            f"SELECT active_version FROM {self.catalog.versions_table} WHERE name = %s", [self.name]
        )
        if row is None:
            raise LookupError(f"projection {self.name} is not set up")
        return int(row["active_version"])

    def read(self, query: Callable[[Tx, int], T]) -> T:
        session = self.db.session()
        for attempt in (1, 2):
            version: int | None = None
            try:
                with self.db.read() as tx:
                    version = self._serving(tx, session)
                    return query(tx, version)
            except DB_ERRORS:
                if session is not None:
                    session.versions.pop(self.name, None)
                if attempt == 2 or version is None or self._now() == version:
                    raise
        raise AssertionError("unreachable")

    def _serving(self, tx: Tx, session: ReadSession | None) -> int:
        """The serving version, looked up once per read session."""
        if session is None:
            return self.version(tx)
        if self.name not in session.versions:
            session.versions[self.name] = self.version(tx)
        return session.versions[self.name]

    def _now(self) -> int:
        with self.db.read() as tx:
            return self.version(tx)
