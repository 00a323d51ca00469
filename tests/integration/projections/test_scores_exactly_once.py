"""The scores view keeps sheets in memory between batches: after a batch fails once its rows
were written (and rolled back), the retry gives the rows a clean run gives."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from uuid import UUID

import pytest

from application.commands.assessments import ScoreItem
from application.service import Kaohe
from domain.entries import ItemEntry
from infra.projections import scores_sql
from infra.projections.registry import Projections
from infra.projections.runner import ProjectionRunner
from infra.projections.scores_sql import SqlScoresView
from infra.projections.view import Projection
from projections.scores import SCORES, Scores, SheetChange, SheetFilter
from tests.unit.application.conftest import TOWN, by
from tests.unit.application.sending import send
from tests.unit.projections.activity import a_quarter


class CrashingScores(SqlScoresView):
    """Crashes after writing the batch that holds `position`, before it commits."""

    def __init__(self, projections: Projections, position: int) -> None:
        super().__init__(projections.db)
        self.position = position
        self.seen: set[int] = set()

    def change_sheet(self, change: SheetChange) -> None:
        self.seen.add(change.position)
        super().change_sheet(change)

    def flush(self) -> None:
        crash = self.position in self.seen
        self.seen.clear()
        super().flush()
        if crash:
            raise RuntimeError("crash after the rows were written")


@pytest.mark.parametrize("event", ["Assessment.ItemScored", "Assessment.Reopened"])
def test_a_failed_batch_retried_by_the_same_runner_folds_each_change_once(
    app: Kaohe, projections: Projections, event: str
) -> None:
    a_quarter(app)
    everything = app.store.recorder.select_notifications(1, 10_000)
    crash_at = [n.id for n in everything if n.topic.endswith(event)][-1]
    projections.ensure()
    view = CrashingScores(projections, crash_at)
    runner = ProjectionRunner(
        projections.store, projections.db, Projection(Scores(), view), projections.catalog, 5
    )
    with pytest.raises(RuntimeError, match="crash"):
        runner.catch_up()
    view.position = -1
    runner.catch_up()

    live = projections.scores().sheets(SheetFilter())
    for row in live:
        aggregate = app.assessments.get(row.assessment_id)
        assert (row.version, row.status, row.layers) == (
            aggregate.version,
            aggregate.status.value,
            aggregate.layers,
        )
    projections.rebuild(SCORES)
    assert projections.scores().sheets(SheetFilter()) == live


def test_a_batch_touching_more_sheets_than_the_cache_holds_loses_nothing(
    app: Kaohe, projections: Projections, monkeypatch: pytest.MonkeyPatch
) -> None:
    quarter = a_quarter(app)
    # Interleave the two sheets: V1 changes again after V2 was opened.
    review = ItemEntry(points=Decimal("0.5"))
    change = ScoreItem(assessment_id=quarter.finalized, number="4", entry=review, reason="核减")
    send(app, by(TOWN), change)
    projections.catch_up()
    live = projections.scores().sheets(SheetFilter())
    monkeypatch.setattr(scores_sql, "CACHE_LIMIT", 1)
    projections.rebuild(SCORES, batch_size=1000)
    assert projections.scores().sheets(SheetFilter()) == live


def test_a_change_to_a_sheet_never_opened_is_refused_and_stores_nothing(
    app: Kaohe, projections: Projections
) -> None:
    quarter = a_quarter(app)
    projections.ensure()
    view = SqlScoresView(projections.db)
    change = SheetChange(UUID(int=7), 2, 9, datetime(2023, 4, 1, tzinfo=UTC), "x", "station_staff")
    with (
        pytest.raises(LookupError, match="changed before it was opened"),
        projections.db.write() as tx,
    ):
        view.begin(tx, 1)
        view.change_sheet(change)
    assert projections.scores().sheets(SheetFilter()) == []
    projections.catch_up()
    assert {r.assessment_id for r in projections.scores().sheets(SheetFilter())} == {
        quarter.finalized,
        quarter.drafted,
    }
