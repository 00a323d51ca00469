"""Fixtures for the HTTP tests: the world over the parametrised store (SQLite, PostgreSQL)."""

from __future__ import annotations

from pathlib import Path

import pytest

from application.store import EventStore
from tests.integration.web.world import World, build_world


@pytest.fixture
def world(store: EventStore, tmp_path: Path) -> World:
    return build_world(store, tmp_path / "evidence")
