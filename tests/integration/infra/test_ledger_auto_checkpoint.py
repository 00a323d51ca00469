"""The process that runs the projections signs checkpoints by itself: after N events, and a
few minutes after the last one when anything was stored since."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from application.store import EventStore
from infra.auto_checkpoint import AutoCheckpoints
from infra.ledger_keys import LOG_NAME, open_signing_key, read_verifier_key
from infra.persistence.checkpoint_table import CheckpointTable
from infra.projections.registry import Projections
from infra.signed_note import signed_by
from tests.integration.infra.units import HOUR, T0, city, stamp
from web.cli import main


def six_events(store: EventStore) -> None:
    zaozhuang = city("ZZ", "枣庄市")
    for hour, name in ((1, "枣庄"), (2, "枣庄市"), (3, "枣庄")):
        zaozhuang.rename(stamp(T0 + hour * HOUR), name)
    store.save(zaozhuang)
    changzhi = city("CZ", "长治市", T0 + 4 * HOUR)
    changzhi.rename(stamp(T0 + 5 * HOUR), "长治")
    store.save(changzhi)


@pytest.fixture
def cli(store_env: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    for name in ("KAOHE_DATABASE_URL", "KAOHE_POSTGRES_SCHEMA", "KAOHE_CHECKPOINT_SECONDS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("KAOHE_DATA_DIR", str(tmp_path))
    for name, value in store_env.items():
        monkeypatch.setenv(name, value)
    return CliRunner()


def test_projections_run_signs_a_checkpoint_after_n_events_without_being_asked(
    store: EventStore, cli: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KAOHE_CHECKPOINT_EVERY", "5")
    six_events(store)

    result = cli.invoke(main, ["projections", "run", "--once"])

    assert result.exit_code == 0, result.output
    row = CheckpointTable(store.recorder).latest()
    assert row is not None and row.tree_size == 6
    public = read_verifier_key(tmp_path / "ledger" / "service.pub")
    assert signed_by(row.note, public) is not None


def test_fewer_events_than_n_sign_nothing_until_the_interval_passes(
    store: EventStore, tmp_path: Path
) -> None:
    clock = [T0]
    key, _ = open_signing_key(tmp_path / "service.key", LOG_NAME)
    auto = AutoCheckpoints(store.recorder, lambda: key, lambda: clock[0], every=100, seconds=300)
    six_events(store)

    assert auto.tick() is None
    clock[0] += timedelta(seconds=299)
    assert auto.tick() is None
    assert CheckpointTable(store.recorder).latest() is None

    clock[0] += timedelta(seconds=1)
    made = auto.tick()

    assert made is not None and made.tree_size == 6
    assert auto.tick() is None  # nothing new since: no second checkpoint
    assert CheckpointTable(store.recorder).latest() == made


def test_the_poller_of_the_web_process_signs_checkpoints_too(
    store: EventStore, tmp_path: Path
) -> None:
    key, _ = open_signing_key(tmp_path / "service.key", LOG_NAME)
    auto = AutoCheckpoints(store.recorder, lambda: key, lambda: datetime.now(T0.tzinfo), every=6)
    poller = Projections(store).poller(after_cycle=auto.tick)
    six_events(store)

    poller.cycle()
    poller.release()

    row = CheckpointTable(store.recorder).latest()
    assert row is not None and row.tree_size == 6
