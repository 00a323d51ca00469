"""Fixtures for the HTTP tests: the world over the parametrised store (SQLite, PostgreSQL), and
the API over a module's own copy of the session's demo."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from application.store import EventStore
from tests.integration.web.demo_api import DemoApi, LoadedDemo, demo_api
from tests.integration.web.world import World, build_world


@pytest.fixture
def world(store: EventStore, tmp_path: Path) -> World:
    return build_world(store, tmp_path / "evidence")


@pytest.fixture(scope="module")
def demo(loaded_demo: LoadedDemo, tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoApi]:
    with demo_api(loaded_demo, tmp_path_factory.mktemp("demo") / "store") as api:
        yield api
