"""The ledger verifier finds and names every edited, deleted or forged event row."""

import json
from uuid import UUID

import pytest
from click.testing import CliRunner

from application.store import EventStore
from domain.audit import GENESIS, event_hash, topic_of
from domain.unit import Unit
from infra.ledger import LedgerReport, verify_ledger
from tests.integration.infra.rawdb import RawDb
from tests.integration.infra.units import HOUR, T0, city, stamp
from web.cli import main


@pytest.fixture
def units(store: EventStore) -> tuple[Unit, Unit]:
    """Zaozhuang at versions 1–3 and Changzhi at version 1: four events in two aggregates."""
    zaozhuang = city("ZZ", "枣庄市")
    zaozhuang.rename(stamp(T0 + HOUR), "枣庄")
    store.save(zaozhuang)
    changzhi = city("CZ", "长治市", T0 + 2 * HOUR)
    store.save(changzhi)
    zaozhuang.rename(stamp(T0 + 3 * HOUR), "枣庄市")
    store.save(zaozhuang)
    return zaozhuang, changzhi


def named(report: LedgerReport) -> list[tuple[UUID, int]]:
    return [(problem.aggregate_id, problem.version) for problem in report.problems]


def test_a_clean_ledger_verifies_every_event(store: EventStore, units: tuple[Unit, Unit]) -> None:
    report = verify_ledger(store, batch=2)

    assert (report.count, report.aggregates, report.problems) == (4, 2, [])
    assert report.to_json() == {
        "ok": True,
        "count": 4,
        "aggregates": 2,
        "index_checked": True,
        "problems": [],
    }


def test_an_empty_ledger_verifies(store: EventStore) -> None:
    assert verify_ledger(store) == LedgerReport(0, 0, [])


def test_an_edited_payload_is_named_by_aggregate_and_version(
    store: EventStore, units: tuple[Unit, Unit]
) -> None:
    zaozhuang, _ = units
    db = RawDb(store)
    state = db.state(zaozhuang.id, 2)
    state["name"] = "台儿庄"  # still valid JSON, still a valid event
    db.set_state(zaozhuang.id, 2, state)

    report = verify_ledger(store)

    assert named(report) == [(zaozhuang.id, 2)]
    assert "does not match the stored event" in report.problems[0].problem


def test_an_edited_hash_breaks_the_chain_at_that_event(
    store: EventStore, units: tuple[Unit, Unit]
) -> None:
    zaozhuang, _ = units
    db = RawDb(store)
    state = db.state(zaozhuang.id, 1)
    state["hash"] = "f" * 64
    db.set_state(zaozhuang.id, 1, state)

    report = verify_ledger(store)

    assert named(report) == [(zaozhuang.id, 1), (zaozhuang.id, 2)]
    assert "hash ffff" in report.problems[0].problem
    assert "prev_hash" in report.problems[1].problem


def test_an_edited_prev_hash_is_named(store: EventStore, units: tuple[Unit, Unit]) -> None:
    zaozhuang, _ = units
    db = RawDb(store)
    state = db.state(zaozhuang.id, 3)
    state["prev_hash"] = GENESIS
    db.set_state(zaozhuang.id, 3, state)

    report = verify_ledger(store)

    assert set(named(report)) == {(zaozhuang.id, 3)}
    assert "prev_hash" in report.problems[0].problem


def test_a_deleted_middle_row_is_named(store: EventStore, units: tuple[Unit, Unit]) -> None:
    zaozhuang, _ = units
    RawDb(store).delete_event(zaozhuang.id, 2)

    report = verify_ledger(store)

    assert named(report) == [(zaozhuang.id, 2)]
    assert report.problems[0].problem == "version 2 missing before 3"


def test_rows_deleted_at_the_end_of_a_chain_are_found_through_the_index(
    store: EventStore, units: tuple[Unit, Unit]
) -> None:
    zaozhuang, changzhi = units
    db = RawDb(store)
    db.delete_event(zaozhuang.id, 3)
    db.delete_event(changzhi.id, 1)

    report = verify_ledger(store)

    assert named(report) == [(zaozhuang.id, 3), (changzhi.id, 1)]
    assert all("missing from the events table" in p.problem for p in report.problems)


def test_a_forged_row_with_a_valid_hash_is_found_through_the_index(
    store: EventStore, units: tuple[Unit, Unit]
) -> None:
    zaozhuang, _ = units
    db = RawDb(store)
    forged = db.state(zaozhuang.id, 3) | {"name": "伪造", "prev_hash": zaozhuang.last_hash}
    topic = topic_of(Unit.Renamed)
    decoded = store.mapper.transcoder.decode(json.dumps(forged).encode())
    forged["hash"] = event_hash(zaozhuang.id, 4, topic, decoded)  # a well-made forgery
    db.insert_event(zaozhuang.id, 4, topic, forged)

    report = verify_ledger(store)

    assert named(report) == [(zaozhuang.id, 4)]
    assert "without a timestamp-index row" in report.problems[0].problem


def run_cli(
    store_env: dict[str, str], monkeypatch: pytest.MonkeyPatch, *args: str
) -> tuple[int, str]:
    for name in ("KAOHE_DATA_DIR", "KAOHE_DATABASE_URL", "KAOHE_POSTGRES_SCHEMA"):
        monkeypatch.delenv(name, raising=False)
    for name, value in store_env.items():
        monkeypatch.setenv(name, value)
    result = CliRunner().invoke(main, ["ledger", "verify", *args])
    return result.exit_code, result.stdout


def test_the_verify_command_passes_a_clean_ledger(
    store_env: dict[str, str], monkeypatch: pytest.MonkeyPatch, units: tuple[Unit, Unit]
) -> None:
    code, out = run_cli(store_env, monkeypatch)

    assert (code, out) == (
        0,
        "ledger verified: 4 events in 2 aggregates, every hash chain holds\n"
        "evidence verified: 0 files match their sha256\n",
    )


def test_the_verify_command_exits_1_and_lists_the_tampered_event(
    store: EventStore,
    store_env: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
    units: tuple[Unit, Unit],
) -> None:
    zaozhuang, _ = units
    db = RawDb(store)
    db.set_state(zaozhuang.id, 2, db.state(zaozhuang.id, 2) | {"name": "台儿庄"})

    code, out = run_cli(store_env, monkeypatch, "--format", "json")
    text_code, text = run_cli(store_env, monkeypatch)

    assert code == 1
    report = json.loads(out)
    assert report["ok"] is False
    assert [(p["aggregate_id"], p["version"]) for p in report["problems"]] == [
        (str(zaozhuang.id), 2)
    ]
    assert text_code == 1
    assert f"aggregate {zaozhuang.id} version 2: hash" in text
