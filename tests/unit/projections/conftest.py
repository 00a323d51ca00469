"""The real application over the in-memory store, with a quarter of activity."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from application.service import Kaohe
from application.store import EventStore
from tests.unit.projections.activity import Quarter, a_quarter, application


@pytest.fixture
def memory_app(tmp_path: Path) -> Iterator[Kaohe]:
    app = application(EventStore(env={"PERSISTENCE_MODULE": "eventsourcing.popo"}), tmp_path)
    yield app
    app.close()


@pytest.fixture
def quarter(memory_app: Kaohe) -> Quarter:
    return a_quarter(memory_app)
