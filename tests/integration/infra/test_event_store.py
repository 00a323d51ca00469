"""The event store on SQLite and PostgreSQL: the timestamp index and credentials are written
in the same transaction as the events, and payloads stay plain JSON in the database."""

from datetime import UTC, datetime, timedelta, timezone
from uuid import UUID

import pytest
from eventsourcing.persistence import IntegrityError

from application.store import EventStore
from infra.bootstrap import open_event_store
from infra.settings import Settings
from tests.integration.infra.rawdb import RawDb
from tests.integration.infra.units import HOUR, MICROSECOND, T0, city, stamp

ACCOUNT = UUID(int=7)
BEIJING = timezone(timedelta(hours=8))
STAMPED = "2024-03-01T09:00:00.000000+00:00"


def test_events_stamped_alike_share_one_index_row_at_their_last_version(store: EventStore) -> None:
    zaozhuang = city("ZZ", "枣庄市")
    zaozhuang.rename(stamp(T0), "枣庄")
    zaozhuang.rename(stamp(T0), "枣庄市")
    recordings = store.save(zaozhuang)

    assert RawDb(store).times() == [(recordings[-1].notification.id, zaozhuang.id, 3)]
    assert store.history.version_at(zaozhuang.id, T0) == 3
    assert store.history.position_at(T0) == recordings[-1].notification.id


def test_each_saved_event_gets_one_time_row_with_its_notification_id(store: EventStore) -> None:
    zaozhuang = city("ZZ", "枣庄市")
    zaozhuang.rename(stamp(T0 + HOUR), "枣庄")
    changzhi = city("CZ", "长治市", T0 + 2 * HOUR)

    recordings = store.save(zaozhuang, changzhi)

    assert RawDb(store).times() == [
        (r.notification.id, r.domain_event.originator_id, r.domain_event.originator_version)
        for r in recordings
    ]
    assert [t[2] for t in RawDb(store).times()] == [1, 2, 1]
    assert store.history.max_position() == recordings[-1].notification.id


def test_an_empty_store_is_at_position_zero(store: EventStore) -> None:
    assert store.history.max_position() == 0
    assert store.history.position_at(T0) is None


def test_a_duplicate_aggregate_writes_nothing_beside_the_failed_save(store: EventStore) -> None:
    store.save(city("ZZ", "枣庄市"))
    db = RawDb(store)
    before = db.times()

    newcomer = city("CZ", "长治市")
    with pytest.raises(IntegrityError):
        store.save(newcomer, city("ZZ", "枣庄市"), credentials=[(ACCOUNT, "argon2-hash")])

    assert db.times() == before
    assert db.count("credentials") == 0
    assert newcomer.id not in store.repository


def test_a_version_conflict_writes_nothing_beside_the_failed_save(store: EventStore) -> None:
    unit = city("ZZ", "枣庄市")
    store.save(unit, credentials=[(ACCOUNT, "hash-1")])
    stale = store.repository.get(unit.id)
    unit.rename(stamp(T0 + HOUR), "枣庄")
    store.save(unit)
    before = RawDb(store).times()

    stale.rename(stamp(T0 + 2 * HOUR), "枣庄市区")
    with pytest.raises(IntegrityError):
        store.save(stale, credentials=[(ACCOUNT, "hash-2")])

    assert RawDb(store).times() == before
    assert store.history.credential(ACCOUNT) == "hash-1"


def test_credentials_are_upserted_with_the_events_they_are_saved_with(store: EventStore) -> None:
    assert store.history.credential(ACCOUNT) is None
    unit = city("ZZ", "枣庄市")
    store.save(unit, credentials=[(ACCOUNT, "hash-1"), (UUID(int=8), "other")])
    assert store.history.credential(ACCOUNT) == "hash-1"

    unit.rename(stamp(T0 + HOUR), "枣庄")
    store.save(unit, credentials=[(ACCOUNT, "hash-2")])

    assert store.history.credential(ACCOUNT) == "hash-2"
    assert store.history.credential(UUID(int=8)) == "other"
    assert RawDb(store).count("credentials") == 2


def test_version_and_position_at_before_at_and_between_event_times(store: EventStore) -> None:
    unit = city("ZZ", "枣庄市", T0)
    p1 = store.save(unit)[-1].notification.id
    unit.rename(stamp(T0 + HOUR), "枣庄")
    p2 = store.save(unit)[-1].notification.id
    other = city("CZ", "长治市", T0 + 2 * HOUR)
    p3 = store.save(other)[-1].notification.id
    history = store.history

    assert history.version_at(unit.id, T0 - MICROSECOND) is None
    assert history.version_at(unit.id, T0) == 1
    assert history.version_at(unit.id, T0 + HOUR - MICROSECOND) == 1
    assert history.version_at(unit.id, T0 + HOUR) == 2
    assert history.version_at(unit.id, T0 + 5 * HOUR) == 2
    assert history.version_at(other.id, T0 + HOUR) is None
    assert history.position_at(T0 - MICROSECOND) is None
    assert history.position_at(T0) == p1
    assert history.position_at(T0 + 30 * timedelta(minutes=1)) == p1
    assert history.position_at(T0 + HOUR) == p2
    assert history.position_at(T0 + 2 * HOUR) == p3


def test_times_in_other_zones_compare_as_instants(store: EventStore) -> None:
    # 09:00 in Beijing is 01:00 UTC: before 02:00 UTC, although "09:00+08:00" sorts after it.
    early = city("ZZ", "枣庄市", datetime(2024, 3, 1, 9, 0, tzinfo=BEIJING))
    late = city("CZ", "长治市", datetime(2024, 3, 1, 2, 0, tzinfo=UTC))
    first = store.save(early)[-1].notification.id
    store.save(late)

    assert store.history.position_at(datetime(2024, 3, 1, 1, 30, tzinfo=UTC)) == first
    assert store.history.version_at(late.id, datetime(2024, 3, 1, 9, 30, tzinfo=BEIJING)) is None
    assert store.history.version_at(late.id, datetime(2024, 3, 1, 10, 0, tzinfo=BEIJING)) == 1
    with pytest.raises(ValueError, match="timezone-aware"):
        store.history.position_at(datetime(2024, 3, 1, 1, 30))


def test_payloads_are_plain_json_a_regulator_can_read_with_sql(store: EventStore) -> None:
    unit = city("ZZ", "枣庄市")
    store.save(unit)
    db = RawDb(store)

    state = db.state(unit.id, 1)

    assert state["name"] == "枣庄市"
    assert state["hash"] == unit.last_hash
    assert db.payload_field(unit.id, 1, "name") == "枣庄市"


def test_the_process_environment_cannot_compress_or_encrypt_payloads(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COMPRESSOR_TOPIC", "eventsourcing.compressor:ZlibCompressor")
    monkeypatch.setenv("KAOHE_CIPHER_TOPIC", "eventsourcing.cipher:AESCipher")
    monkeypatch.setenv("CIPHER_KEY", "not-a-key")
    store = open_event_store(settings)
    try:
        unit = city("ZZ", "枣庄市")
        store.save(unit)
        assert RawDb(store).state(unit.id, 1)["name"] == "枣庄市"
    finally:
        store.close()


def test_a_failing_index_write_rolls_back_the_events_it_indexes(store: EventStore) -> None:
    store.save(city("ZZ", "枣庄市"))
    db = RawDb(store)
    last = store.history.max_position()
    for taken in range(last + 1, last + 4):  # the next notification ids, already indexed
        db.execute(
            "INSERT INTO {times} VALUES (%s, %s, 1, %s)", taken, db.key(UUID(int=1)), STAMPED
        )

    newcomer = city("CZ", "长治市")
    with pytest.raises(IntegrityError):
        store.save(newcomer, credentials=[(ACCOUNT, "hash-1")])

    assert newcomer.id not in store.repository
    assert store.history.max_position() == last
    assert store.history.credential(ACCOUNT) is None
