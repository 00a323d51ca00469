"""The scores read model: fed the events of a real quarter, each row holds what its aggregate
holds, scored as the aggregate scores itself, and as of any event what it held then."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from application.service import Kaohe
from domain.assessment import Assessment
from domain.scoring import Result
from infra.rubric_files import BUILTIN_DIR, load_rubric_file
from projections.scores import Scores, SheetChange, SheetHead, replay, summarize
from tests.unit.application.conftest import COUNTY, VILLAGE
from tests.unit.projections.activity import Quarter
from tests.unit.projections.fakes import InMemoryScores, feed


def built(app: Kaohe) -> InMemoryScores:
    view = InMemoryScores()
    feed(app.store, Scores(), view)
    return view


def same_as_aggregate(view: InMemoryScores, app: Kaohe, aggregate: Assessment) -> None:
    row = view.sheet(aggregate.id)
    assert row is not None
    rubric = app.assessments.rubric_of(aggregate)
    card = aggregate.scorecard(rubric)
    assert (row.status, row.version, row.layers) == (
        aggregate.status.value,
        aggregate.version,
        aggregate.layers,
    )
    assert (row.summary.total, row.summary.result, row.summary.unscored) == (
        card.total,
        card.result.value,
        card.unscored,
    )
    assert row.summary.sections == {s.path: s.points for s in card.sections}
    assert row.changed_at == aggregate.modified_on


def test_each_row_holds_what_its_assessment_holds(memory_app: Kaohe, quarter: Quarter) -> None:
    view = built(memory_app)
    assert set(view.heads) == {quarter.finalized, quarter.drafted}
    for aid in view.heads:
        same_as_aggregate(view, memory_app, memory_app.assessments.get(aid))


def test_the_layer_that_counts_is_the_highest_present(memory_app: Kaohe, quarter: Quarter) -> None:
    row = built(memory_app).sheet(quarter.finalized)
    assert row is not None
    assert [row.counting_layer(n) for n in ("1", "2", "3", "4")] == [
        "self",
        "review",
        "verification",
        "self",
    ]
    assert row.layers["verification"]["3"] == {"points": "1"}
    assert (row.status, row.changed_by, row.changed_role) == (
        "submitted",
        "00000000-0000-0000-0000-00000000000e",
        "city_regulator",
    )


def test_as_of_each_event_a_row_holds_what_the_aggregate_held_then(
    memory_app: Kaohe, quarter: Quarter
) -> None:
    view = built(memory_app)
    mine = [c for c in view.changes if c.assessment_id == quarter.finalized]
    for change in mine:
        row = view.sheet(quarter.finalized, as_of=change.position)
        assert row is not None
        then = memory_app.assessments.runner.load_at(
            Assessment, quarter.finalized, "assessment", change.version
        )
        assert (row.version, row.status, row.layers) == (then.version, then.status, then.layers)
        card = then.scorecard(memory_app.assessments.rubric_of(then))
        assert row.summary.total == card.total
    assert view.sheet(quarter.finalized, as_of=mine[0].position - 1) is None


def test_feeding_the_same_events_twice_gives_the_same_rows(
    memory_app: Kaohe, quarter: Quarter
) -> None:
    first, second = built(memory_app), built(memory_app)
    for aid in first.heads:
        assert first.sheet(aid) == second.sheet(aid)


def stamp() -> tuple[datetime, str, str]:
    return datetime(2023, 4, 1, tzinfo=UTC), str(VILLAGE.account_id), VILLAGE.role.value


FENGDU = load_rubric_file(BUILTIN_DIR / "fengdu-village-station.v1.yaml")


@given(
    points=st.lists(
        st.tuples(
            st.sampled_from(["self", "review", "verification"]),
            st.sampled_from(["1", "2", "3"]),
            st.sampled_from(["0", "0.5", "1"]),
        ),
        max_size=12,
    )
)
def test_replaying_changes_scores_the_last_entry_of_the_highest_layer(
    points: list[tuple[str, str, str]],
) -> None:
    head = SheetHead(COUNTY.account_id, VILLAGE.unit_id, COUNTY.unit_id, "f", 1, "2023Q2", 1)
    changes = [
        SheetChange(head.assessment_id, v, v, *stamp(), layer=la, item=n, entry={"points": p})
        for v, (la, n, p) in enumerate(points, start=2)
    ]
    sheet = replay(head, changes)
    expected: dict[str, Decimal] = {}
    for number in ("1", "2", "3"):
        for layer in ("verification", "review", "self"):
            last = [p for la, n, p in points if (la, n) == (layer, number)]
            if last:
                expected[number] = Decimal(last[-1])
                break
    summary = summarize(FENGDU, sheet.layers)
    assert {n: summary.points[n] for n in expected} == expected
    assert summary.result in {r.value for r in Result}
