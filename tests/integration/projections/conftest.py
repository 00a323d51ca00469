"""The real application and its projections over the parametrised store."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from uuid import UUID

import pytest
from click.testing import CliRunner

from application.service import Kaohe
from application.store import EventStore
from infra.projections.registry import Projections
from projections.audit_trail import AuditQuery, AuditRow
from projections.scores import ScoreRow, SheetFilter
from projections.units import ParentLink, UnitRow
from tests.unit.projections.activity import application


@pytest.fixture
def app(store: EventStore, tmp_path: Path) -> Kaohe:
    return application(store, tmp_path)


@pytest.fixture
def cli(store_env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    """The `kaohe` command line, on the parametrised store."""
    monkeypatch.delenv("KAOHE_DATABASE_URL", raising=False)
    monkeypatch.delenv("KAOHE_POSTGRES_SCHEMA", raising=False)
    for name, value in store_env.items():
        monkeypatch.setenv(name, value)
    return CliRunner()


@pytest.fixture
def projections(store: EventStore) -> Iterator[Projections]:
    """Small batches, so a quarter of activity spans many of them."""
    found = Projections(store, batch_size=7)
    yield found
    found.stop()


@dataclass(frozen=True)
class Views:
    """Everything the serving versions hold, for row-for-row comparisons."""

    trail: list[AuditRow]
    units: list[UnitRow]
    parents: dict[UUID, list[ParentLink]]
    sheets: list[ScoreRow]


def views(projections: Projections) -> Views:
    trail: list[AuditRow] = []
    before = None
    while True:
        page = projections.audit_trail(AuditQuery(before=before, limit=500))
        trail += page.rows
        if page.next_before is None:
            break
        before = page.next_before
    reader = projections.units()
    units = reader.all_units()
    parents = {u.unit_id: reader.parent_history(u.unit_id) for u in units}
    return Views(trail, units, parents, projections.scores().sheets(SheetFilter()))


def audited_positions(store: EventStore) -> list[int]:
    """Log positions the audit trail must hold: all but idempotency records, newest first."""
    notifications = store.recorder.select_notifications(1, 100_000)
    skipped = "domain.command_record:"
    return sorted((n.id for n in notifications if not n.topic.startswith(skipped)), reverse=True)
