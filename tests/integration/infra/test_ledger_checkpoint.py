"""A checkpoint kept outside the store catches the forgeries the hash chains cannot: a
re-hashed tail, a re-chained aggregate, a deleted tail with its index rows, a deleted event."""

from __future__ import annotations

import json
from pathlib import Path
from uuid import UUID

import pytest
from click.testing import CliRunner, Result

from application.store import EventStore
from domain.audit import event_hash
from domain.unit import Unit
from tests.integration.infra.rawdb import RawDb
from tests.integration.infra.units import HOUR, T0, city, stamp
from web.cli import main


@pytest.fixture
def units(store: EventStore) -> tuple[Unit, Unit]:
    """Zaozhuang at versions 1–4 and Changzhi at versions 1–2."""
    zaozhuang = city("ZZ", "枣庄市")
    for hour, name in ((1, "枣庄"), (2, "枣庄市"), (3, "枣庄")):
        zaozhuang.rename(stamp(T0 + hour * HOUR), name)
    store.save(zaozhuang)
    changzhi = city("CZ", "长治市", T0 + 4 * HOUR)
    changzhi.rename(stamp(T0 + 5 * HOUR), "长治")
    store.save(changzhi)
    return zaozhuang, changzhi


@pytest.fixture
def cli(store_env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    for name in ("KAOHE_DATA_DIR", "KAOHE_DATABASE_URL", "KAOHE_POSTGRES_SCHEMA"):
        monkeypatch.delenv(name, raising=False)
    for name, value in store_env.items():
        monkeypatch.setenv(name, value)
    return CliRunner()


def run(cli: CliRunner, *args: str) -> Result:
    return cli.invoke(main, ["ledger", *args])


def kept_checkpoint(cli: CliRunner, tmp_path: Path) -> Path:
    kept = tmp_path / "elsewhere" / "kept.json"
    result = run(cli, "checkpoint", "-o", str(kept))
    assert result.exit_code == 0, result.output
    return kept


def rehash(store: EventStore, db: RawDb, aggregate: UUID, version: int, change: dict[str, object],
           prev_hash: str | None = None) -> str:  # fmt: skip
    """Rewrite one event and recompute its hash with the project's own function."""
    state = db.state(aggregate, version) | change
    if prev_hash is not None:
        state["prev_hash"] = prev_hash
    rows = db.query("SELECT topic FROM {events} WHERE originator_id = %s AND "
                    "originator_version = %s", db.key(aggregate), version)  # fmt: skip
    topic = str(rows[0]["topic"])
    decoded = store.mapper.transcoder.decode(json.dumps(state).encode())
    state["hash"] = event_hash(aggregate, version, topic, decoded)
    db.set_state(aggregate, version, state)
    return str(state["hash"])


def problems(result: Result) -> list[tuple[str, int]]:
    report = json.loads(result.stdout)["checkpoint"]
    return [(p["aggregate_id"], p["version"]) for p in report["problems"]]


def test_the_untouched_store_verifies_against_its_checkpoint_and_may_grow(
    store: EventStore, units: tuple[Unit, Unit], cli: CliRunner, tmp_path: Path
) -> None:
    kept = kept_checkpoint(cli, tmp_path)
    zaozhuang, _ = units
    zaozhuang.rename(stamp(T0 + 9 * HOUR), "枣庄市")
    store.save(zaozhuang)

    result = run(cli, "verify", "--checkpoint", str(kept))

    assert result.exit_code == 0, result.output
    assert (
        "the store's first 6 events are the checkpoint's, and 1 were added since" in result.stdout
    )
    note = json.loads(kept.read_text())["note"]
    assert note.startswith("kaohe.local/ledger\n6\n") and "\n\n— kaohe.local/ledger " in note


def test_a_rehashed_tail_fails_the_checkpoint_naming_the_event(
    store: EventStore, units: tuple[Unit, Unit], cli: CliRunner, tmp_path: Path
) -> None:
    kept = kept_checkpoint(cli, tmp_path)
    zaozhuang, _ = units
    rehash(store, RawDb(store), zaozhuang.id, 4, {"name": "伪造"})

    assert run(cli, "verify").exit_code == 0  # the chains alone are fooled
    result = run(cli, "verify", "--checkpoint", str(kept), "--format", "json")

    assert result.exit_code == 1
    assert problems(result) == [(str(zaozhuang.id), 4)]


def test_a_rechained_aggregate_fails_naming_every_rewritten_version(
    store: EventStore, units: tuple[Unit, Unit], cli: CliRunner, tmp_path: Path
) -> None:
    kept = kept_checkpoint(cli, tmp_path)
    zaozhuang, _ = units
    db = RawDb(store)
    previous = rehash(store, db, zaozhuang.id, 2, {"name": "伪造"})
    for version in (3, 4):
        previous = rehash(store, db, zaozhuang.id, version, {}, prev_hash=previous)

    assert run(cli, "verify").exit_code == 0
    result = run(cli, "verify", "--checkpoint", str(kept), "--format", "json")

    assert problems(result) == [(str(zaozhuang.id), v) for v in (2, 3, 4)]


def test_a_deleted_tail_with_its_index_rows_and_a_deleted_event_are_named(
    store: EventStore, units: tuple[Unit, Unit], cli: CliRunner, tmp_path: Path
) -> None:
    kept = kept_checkpoint(cli, tmp_path)
    _, changzhi = units
    db = RawDb(store)
    db.delete_event(changzhi.id, 2)
    db.execute("DELETE FROM {times} WHERE originator_id = %s AND originator_version = 2",
               db.key(changzhi.id))  # fmt: skip
    db.execute("UPDATE {times} SET originator_version = 1 WHERE originator_id = %s",
               db.key(changzhi.id))  # fmt: skip

    assert run(cli, "verify").exit_code == 0
    result = run(cli, "verify", "--checkpoint", str(kept), "--format", "json")
    report = json.loads(result.stdout)["checkpoint"]

    assert problems(result) == [(str(changzhi.id), 2)]
    assert "missing from the store" in report["problems"][0]["problem"]
    assert (report["tree_size"], report["store_size"]) == (6, 5)


def test_an_event_slipped_in_before_the_checkpoint_position_is_named_as_extra(
    store: EventStore, units: tuple[Unit, Unit], cli: CliRunner, tmp_path: Path
) -> None:
    kept = kept_checkpoint(cli, tmp_path)
    zaozhuang, changzhi = units
    db = RawDb(store)
    db.delete_event(changzhi.id, 2)
    forged = db.state(zaozhuang.id, 4) | {"prev_hash": zaozhuang.last_hash}
    db.insert_event(zaozhuang.id, 5, "domain.unit:Unit.Renamed", forged)
    data = json.loads(kept.read_text())
    data["log_position"] += 10  # as if the row had taken an id in a gap before the checkpoint
    kept.write_text(json.dumps(data))

    result = run(cli, "verify", "--checkpoint", str(kept), "--format", "json")

    named = json.loads(result.stdout)["checkpoint"]["problems"]
    assert [(p["aggregate_id"], p["version"]) for p in named] == [
        (str(changzhi.id), 2),
        (str(zaozhuang.id), 5),
    ]
    assert "before the checkpoint, but not in it" in named[1]["problem"]


def test_a_checkpoint_not_signed_by_the_log_key_is_refused(
    units: tuple[Unit, Unit], cli: CliRunner, tmp_path: Path
) -> None:
    kept = kept_checkpoint(cli, tmp_path)
    data = json.loads(kept.read_text())
    data["note"] = data["note"].replace("\n6\n", "\n5\n")
    kept.write_text(json.dumps(data))

    result = run(cli, "verify", "--checkpoint", str(kept))

    assert result.exit_code == 1
    assert "is not signed by kaohe.local/ledger" in result.output


def test_an_overwritten_evidence_file_fails_plain_verify(
    units: tuple[Unit, Unit], cli: CliRunner, store_env: dict[str, str]
) -> None:
    folder = Path(store_env["KAOHE_DATA_DIR"]) / "evidence"
    sha = "a" * 64
    (folder / sha[:2]).mkdir(parents=True)
    (folder / sha[:2] / sha).write_bytes(b"substituted")

    result = run(cli, "verify")

    assert result.exit_code == 1
    assert f"evidence file {sha}: its content hashes to" in result.stdout
