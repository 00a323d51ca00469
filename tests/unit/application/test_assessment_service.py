"""Assessment use cases on a real store: one transaction a command, conflicts, replays, history."""

from __future__ import annotations

from decimal import Decimal
from uuid import UUID

import pytest

from application.errors import ConflictError, NotFoundError
from application.service import Kaohe
from domain.assessment import Assessment
from domain.entries import ItemEntry
from domain.errors import DomainError, ScoringInputError
from domain.workflow import Layer, Status
from tests.unit.application.conftest import COUNTY, TOWN, VILLAGE, World, by, full_sheet

D = Decimal


def opened(world: World, unit: str = "V1") -> UUID:
    return world.app.assessments.open(by(VILLAGE), unit, "fengdu-village-station", 1, "2023Q2").id


def events(app: Kaohe) -> int:
    return app.store.history.max_position()


def test_a_whole_sheet_is_saved_in_one_command_and_one_transaction(world: World) -> None:
    app, aid = world.app, opened(world)
    outcome = app.assessments.save_sheet(
        by(VILLAGE, expected=1), aid, Layer.SELF, full_sheet(app, aid)
    )
    assert outcome.version == 58  # opened + 57 items
    assessment = app.assessments.get(aid)
    assert app.assessments.get(aid).scorecard(app.assessments.rubric_of(assessment)).total == D(100)


def test_a_sheet_with_one_wrong_item_stores_nothing(world: World) -> None:
    app, aid = world.app, opened(world)
    sheet = full_sheet(app, aid) | {"57": ItemEntry(points=D(2))}
    before = events(app)
    with pytest.raises(ScoringInputError, match=r"item 57: points 2 are outside 0..1"):
        app.assessments.save_sheet(by(VILLAGE), aid, Layer.SELF, sheet)
    assert events(app) == before


def test_a_stale_version_is_refused_as_a_conflict_and_stores_nothing(world: World) -> None:
    app, aid = world.app, opened(world)
    app.assessments.score_item(
        by(VILLAGE, expected=1), aid, "1", Layer.SELF, ItemEntry(points=D(1))
    )
    before = events(app)
    with pytest.raises(
        ConflictError, match=r"based on version 1, but it is at version 2"
    ) as refused:
        app.assessments.score_item(
            by(VILLAGE, expected=1), aid, "2", Layer.SELF, ItemEntry(points=D(2))
        )
    assert refused.value.current_version == 2
    assert events(app) == before


def test_a_repeated_idempotency_key_returns_the_first_result_and_stores_nothing(
    world: World,
) -> None:
    app, aid = world.app, opened(world)
    entry = ItemEntry(points=D(1))
    first = app.assessments.score_item(by(VILLAGE, key="k-1"), aid, "1", Layer.SELF, entry)
    before = events(app)
    again = app.assessments.score_item(by(VILLAGE, key="k-1"), aid, "1", Layer.SELF, entry)
    assert (again.id, again.version) == (first.id, first.version)
    assert events(app) == before
    with pytest.raises(ConflictError, match=r"idempotency key 'k-1' was already used"):
        app.assessments.score_item(by(VILLAGE, key="k-1"), aid, "2", Layer.SELF, entry)


def test_opening_the_same_assessment_twice_is_a_conflict(world: World) -> None:
    aid = opened(world)
    with pytest.raises(ConflictError, match=rf"V1 already has an assessment .* in 2023Q2: {aid}"):
        opened(world)


def test_a_rubric_for_another_level_cannot_be_opened(world: World) -> None:
    with pytest.raises(DomainError, match=r"scores village units; T1 is a town unit"):
        world.app.assessments.open(by(TOWN), "T1", "fengdu-village-station", 1, "2023Q2")


def test_a_quarter_of_review_return_and_approval(world: World) -> None:
    app, aid = world.app, opened(world)
    a = app.assessments
    a.save_sheet(by(VILLAGE), aid, Layer.SELF, full_sheet(app, aid))
    a.submit(by(VILLAGE), aid)
    a.score_item(by(TOWN), aid, "2", Layer.REVIEW, ItemEntry(points=D(1)), "站长未由书记兼任")
    a.return_to_unit(by(TOWN), aid, "请补充站长任命文件", ["2"])
    a.attach_evidence(by(VILLAGE), aid, "任命文件.pdf", b"%PDF-1.4 appointment", "2")
    a.submit(by(VILLAGE), aid)
    with pytest.raises(DomainError, match="you submitted yourself"):
        a.approve(by(VILLAGE), aid)
    a.approve(by(TOWN), aid)
    a.score_item(by(COUNTY), aid, "3", Layer.VERIFICATION, ItemEntry(points=D(1)), "抽查核实")
    a.finalize(by(COUNTY), aid)
    done = a.get(aid)
    card = done.scorecard(a.rubric_of(done))
    assert (done.status, card.total, card.result.value) == (Status.FINALIZED, D(98), "passed")
    assert done.evidence[0].name == "任命文件.pdf"
    assert app.assessments.files.get(done.evidence[0].sha256) == b"%PDF-1.4 appointment"


def test_any_past_version_or_moment_can_be_read(world: World) -> None:
    app, aid = world.app, opened(world)
    app.assessments.score_item(by(VILLAGE), aid, "1", Layer.SELF, ItemEntry(points=D(1)))
    moment = app.runner.clock.now()
    app.assessments.score_item(by(VILLAGE), aid, "1", Layer.SELF, ItemEntry(points=D("0.5")))
    as_then = app.assessments.get(aid, as_of=moment)
    assert (as_then.version, as_then.entry(Layer.SELF, "1").points) == (2, D(1))
    assert app.assessments.get(aid, version=1).layers["self"] == {}
    assert app.assessments.get(aid).entry(Layer.SELF, "1").points == D("0.5")
    opened_at = app.assessments.get(aid, version=1).created_on
    with pytest.raises(NotFoundError, match="did not exist at"):
        app.assessments.get(aid, as_of=opened_at.replace(year=2000))


def test_history_lists_every_stored_event_with_actor_and_reason(world: World) -> None:
    app, aid = world.app, opened(world)
    app.assessments.save_sheet(by(VILLAGE), aid, Layer.SELF, full_sheet(app, aid))
    app.assessments.submit(by(VILLAGE), aid)
    app.assessments.return_to_unit(by(TOWN), aid, "材料不全", ["1"])
    history = app.history(aid)
    assert [h.version for h in history] == list(range(1, 61))
    last = history[-1]
    assert last.topic.endswith("Assessment.Returned")
    assert (last.state["actor_id"], last.state["reason"], last.state["items"]) == (
        str(TOWN.account_id),
        "材料不全",
        ["1"],
    )


def test_an_unknown_assessment_is_not_found(world: World) -> None:
    with pytest.raises(NotFoundError, match=r"assessment .* not found"):
        world.app.assessments.get(UUID(int=99))
    assert isinstance(world.app.assessments.get(opened(world)), Assessment)
