"""The orjson encoders store what the json-module encoders stored, byte for byte, and a
ledger written by the json-module encoders still verifies."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from eventsourcing.persistence import JSONTranscoder

from application.service import Kaohe
from application.store import EventStore
from domain.canonical import canonical_json, reference_json
from infra.bootstrap import open_event_store
from infra.demo.clock import DemoClock
from infra.demo.loader import load_demo
from infra.evidence_files import FileEvidence
from infra.ledger import verify_ledger
from infra.settings import Settings

LAYERS = ("domain.", "application.", "projections.", "infra.")


class PlainHasher:
    """Password "hashes" without a random salt, so two loads store the same bytes."""

    def hash(self, password: str) -> str:
        return f"plain:{password}"

    def verify(self, password_hash: str, password: str) -> bool:
        return password_hash == self.hash(password)


def with_json_module(store: EventStore, monkeypatch: pytest.MonkeyPatch) -> None:
    """The encoders as they were: canonical JSON and the transcoder both by the json module."""
    for name, module in list(sys.modules.items()):
        if name.startswith(LAYERS) and getattr(module, "canonical_json", None) is canonical_json:
            monkeypatch.setattr(module, "canonical_json", reference_json)
    library = JSONTranscoder()
    store.register_transcodings(library)
    monkeypatch.setattr(store.mapper, "transcoder", library)


def demo_rows(where: Path) -> list[tuple[object, ...]]:
    store = open_event_store(Settings(where))
    try:
        log = store.recorder.select_notifications(start=None, limit=100_000)
        assert verify_ledger(store).ok
        return [(n.originator_id, n.originator_version, n.topic, n.state) for n in log]
    finally:
        store.close()


def load(where: Path, monkeypatch: pytest.MonkeyPatch | None = None) -> None:
    store = open_event_store(Settings(where))
    try:
        if monkeypatch is not None:
            with_json_module(store, monkeypatch)
        load_demo(Kaohe(store, DemoClock(), PlainHasher(), FileEvidence(where / "evidence")))
    finally:
        store.close()
        if monkeypatch is not None:
            monkeypatch.undo()


def test_the_demo_quarter_is_stored_byte_for_byte_as_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load(tmp_path / "before", monkeypatch)
    load(tmp_path / "after")

    before, after = demo_rows(tmp_path / "before"), demo_rows(tmp_path / "after")

    assert len(before) > 3000
    assert {topic.rsplit(".", 1)[-1] for _, _, topic, _ in before} >= {"Opened", "ItemScored"}
    assert after == before
