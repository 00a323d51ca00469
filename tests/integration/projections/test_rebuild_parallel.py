"""A rebuild in several processes, the aggregates shared out among them, gives what the
serial rebuild gives; an event it cannot apply stops it, named, and the old versions serve."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from application.service import Kaohe
from application.store import EventStore
from infra.errors import ParallelRebuildError, ProjectionFailedError
from infra.projections.registry import PROJECTIONS, Projections
from projections.accounts import ACCOUNTS
from projections.units import UNITS
from tests.integration.projections.test_rebuild_together import everything
from tests.unit.projections.activity import a_quarter, hierarchy
from web.cli import main


def on_postgres(store: EventStore) -> None:
    if Projections(store).db.postgres is None:
        pytest.skip("a rebuild in several processes runs on PostgreSQL")


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_a_parallel_rebuild_equals_the_serial_one(
    app: Kaohe, store: EventStore, projections: Projections, workers: int
) -> None:
    on_postgres(store)
    hierarchy(app)
    a_quarter(app, register_units=False)
    serial = projections.rebuild_together()
    built = everything(projections)
    assert len(built[0].sheets) == 2 and len(built[0].trail) > 50

    versions = projections.rebuild_parallel(workers=workers, batch_size=10)

    assert versions == {name: serial[name] + 1 for name in PROJECTIONS}
    assert everything(projections) == built
    head = store.recorder.max_notification_id()
    assert [(s.version, s.position, s.building) for s in projections.status()] == [
        (versions[s.name], head, None) for s in projections.status()
    ]


def test_projections_of_a_few_topics_alone_rebuild_in_parallel_as_serially(
    app: Kaohe, store: EventStore, projections: Projections
) -> None:
    on_postgres(store)
    hierarchy(app)
    a_quarter(app, register_units=False)
    serial = projections.rebuild_together()
    built = everything(projections), projections.accounts().all_accounts()
    assert built[1] and built[0][0].units

    versions = projections.rebuild_parallel([UNITS, ACCOUNTS], workers=2, batch_size=10)

    assert versions == {UNITS: serial[UNITS] + 1, ACCOUNTS: serial[ACCOUNTS] + 1}
    assert (everything(projections), projections.accounts().all_accounts()) == built


def an_entry_of_a_sheet_never_opened(store: EventStore) -> int:
    """Store a copy of an item's scoring under a new assessment id: no sheet to change, so
    the scores view cannot apply it. Returns its log position."""
    db = Projections(store).db
    with db.write() as tx:
        row = tx.row(
            f"INSERT INTO {db.events_table} (originator_id, originator_version, topic, state) "
            f"SELECT gen_random_uuid(), 2, topic, state FROM {db.events_table} "
            "WHERE topic LIKE %s ORDER BY notification_id LIMIT 1 RETURNING notification_id",
            ["%ItemScored"],
        )
    assert row is not None
    return int(row["notification_id"])


def test_a_parallel_rebuild_stops_at_an_event_it_cannot_apply_and_names_it(
    app: Kaohe, store: EventStore, projections: Projections
) -> None:
    on_postgres(store)
    a_quarter(app)
    projections.rebuild_together()
    served = everything(projections)
    position = an_entry_of_a_sheet_never_opened(store)

    with pytest.raises(ProjectionFailedError) as raised:
        projections.rebuild_parallel(workers=2, batch_size=10)

    assert raised.value.failure.position == position
    assert "changed before it was opened" in str(raised.value)
    # Every version being built is dropped (the first process built the projections of a
    # few topics alongside its share): each projection serves its old version.
    status = {s.name: (s.version, s.building) for s in projections.status()}
    assert status == dict.fromkeys(PROJECTIONS, (2, None))
    # The old versions serve on (the scores view stays before the event it cannot apply).
    assert everything(projections)[0].sheets == served[0].sheets


def test_sqlite_refuses_a_parallel_rebuild_clearly(store: EventStore) -> None:
    if Projections(store).db.postgres is not None:
        pytest.skip("SQLite only")
    with pytest.raises(ParallelRebuildError, match="needs PostgreSQL"):
        Projections(store).rebuild_parallel(workers=2)


def test_the_command_rebuilds_with_several_processes(app: Kaohe, cli: CliRunner) -> None:
    a_quarter(app)
    done = cli.invoke(main, ["projections", "rebuild", "--workers", "2", "--quiet"])
    if Projections(app.store).db.postgres is None:
        assert done.exit_code != 0 and "needs PostgreSQL" in done.output
        return
    assert done.exit_code == 0, done.output
    assert "scores: version 2 now serves (was 1)" in done.output
