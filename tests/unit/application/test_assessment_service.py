"""Assessment commands on a real store through the bus: one transaction a command, conflicts,
replays, history."""

from __future__ import annotations

from decimal import Decimal
from uuid import UUID

import pytest

from application.actor import Actor
from application.commands.assessments import (
    Approve,
    AttachEvidence,
    Finalize,
    OpenAssessment,
    ReturnAssessment,
    SaveSheet,
    ScoreItem,
    Submit,
)
from application.errors import ConflictError, NotFoundError
from application.service import Kaohe
from domain.assessment import Assessment
from domain.entries import ItemEntry
from domain.errors import DomainError, ScoringInputError
from domain.workflow import Layer, Status
from tests.unit.application.conftest import COUNTY, TOWN, VILLAGE, World, by, full_sheet
from tests.unit.application.sending import send

D = Decimal


def opened(world: World, unit: str = "V1") -> UUID:
    return open_as(world, VILLAGE, unit)


def open_as(world: World, actor: Actor, unit: str) -> UUID:
    command = OpenAssessment(unit=unit, rubric="fengdu-village-station", version=1, period="2023Q2")
    return send(world.app, by(actor), command).id


def score(aid: UUID, number: str, entry: ItemEntry, reason: str = "") -> ScoreItem:
    return ScoreItem(assessment_id=aid, number=number, entry=entry, reason=reason)


def events(app: Kaohe) -> int:
    return app.store.history.max_position()


def test_a_whole_sheet_is_saved_in_one_command_and_one_transaction(world: World) -> None:
    app, aid = world.app, opened(world)
    sheet = SaveSheet(assessment_id=aid, entries=full_sheet(app, aid))
    outcome = send(app, by(VILLAGE, expected=1), sheet)
    assert outcome.version == 58  # opened + 57 items
    assessment = app.assessments.get(aid)
    assert app.assessments.get(aid).scorecard(app.assessments.rubric_of(assessment)).total == D(100)


def test_a_sheet_with_one_wrong_item_stores_nothing(world: World) -> None:
    app, aid = world.app, opened(world)
    sheet = full_sheet(app, aid) | {"57": ItemEntry(points=D(2))}
    before = events(app)
    with pytest.raises(ScoringInputError, match=r"item 57: points 2 are outside 0..1"):
        send(app, by(VILLAGE), SaveSheet(assessment_id=aid, entries=sheet))
    assert events(app) == before


def test_a_stale_version_is_refused_as_a_conflict_and_stores_nothing(world: World) -> None:
    app, aid = world.app, opened(world)
    send(app, by(VILLAGE, expected=1), score(aid, "1", ItemEntry(points=D(1))))
    before = events(app)
    with pytest.raises(
        ConflictError, match=r"based on version 1, but item 1 was changed in the self layer"
    ) as refused:
        send(app, by(VILLAGE, expected=1), score(aid, "1", ItemEntry(points=D(0))))
    assert refused.value.current_version == 2
    assert events(app) == before


def test_a_repeated_idempotency_key_returns_the_first_result_and_stores_nothing(
    world: World,
) -> None:
    app, aid = world.app, opened(world)
    entry = ItemEntry(points=D(1))
    first = send(app, by(VILLAGE, key="k-1"), score(aid, "1", entry))
    before = events(app)
    again = send(app, by(VILLAGE, key="k-1"), score(aid, "1", entry))
    assert (again.id, again.version) == (first.id, first.version)
    assert events(app) == before
    with pytest.raises(ConflictError, match=r"idempotency key 'k-1' was already used"):
        send(app, by(VILLAGE, key="k-1"), score(aid, "2", entry))


def test_opening_the_same_assessment_twice_is_a_conflict(world: World) -> None:
    aid = opened(world)
    with pytest.raises(ConflictError, match=rf"V1 already has an assessment .* in 2023Q2: {aid}"):
        opened(world)


def test_a_rubric_for_another_level_cannot_be_opened(world: World) -> None:
    with pytest.raises(DomainError, match=r"scores village units; T1 is a town unit"):
        open_as(world, TOWN, "T1")


def test_a_quarter_of_review_return_and_approval(world: World) -> None:
    app, aid = world.app, opened(world)
    a = app.assessments
    send(app, by(VILLAGE), SaveSheet(assessment_id=aid, entries=full_sheet(app, aid)))
    send(app, by(VILLAGE), Submit(assessment_id=aid))
    send(app, by(TOWN), score(aid, "2", ItemEntry(points=D(1)), "站长未由书记兼任"))
    returned = ReturnAssessment(assessment_id=aid, reason="请补充站长任命文件", items=("2",))
    send(app, by(TOWN), returned)
    send(
        app,
        by(VILLAGE),
        AttachEvidence(
            assessment_id=aid, file_name="任命文件.pdf", content=b"%PDF-1.4 appointment", item="2"
        ),
    )
    send(app, by(VILLAGE), Submit(assessment_id=aid))
    with pytest.raises(DomainError, match="you submitted yourself"):
        send(app, by(VILLAGE), Approve(assessment_id=aid))
    send(app, by(TOWN), Approve(assessment_id=aid))
    send(app, by(COUNTY), score(aid, "3", ItemEntry(points=D(1)), "抽查核实"))
    send(app, by(COUNTY), Finalize(assessment_id=aid))
    done = a.get(aid)
    card = done.scorecard(a.rubric_of(done))
    assert (done.status, card.total, card.result.value) == (Status.FINALIZED, D(98), "passed")
    assert done.evidence[0].name == "任命文件.pdf"
    assert app.assessments.files.get(done.evidence[0].sha256) == b"%PDF-1.4 appointment"


def test_any_past_version_or_moment_can_be_read(world: World) -> None:
    app, aid = world.app, opened(world)
    send(app, by(VILLAGE), score(aid, "1", ItemEntry(points=D(1))))
    moment = app.runner.clock.now()
    send(app, by(VILLAGE), score(aid, "1", ItemEntry(points=D("0.5"))))
    as_then = app.assessments.get(aid, as_of=moment)
    assert (as_then.version, as_then.entry(Layer.SELF, "1").points) == (2, D(1))
    assert app.assessments.get(aid, version=1).layers["self"] == {}
    assert app.assessments.get(aid).entry(Layer.SELF, "1").points == D("0.5")
    opened_at = app.assessments.get(aid, version=1).created_on
    with pytest.raises(NotFoundError, match="did not exist at"):
        app.assessments.get(aid, as_of=opened_at.replace(year=2000))


def test_history_lists_every_stored_event_with_actor_and_reason(world: World) -> None:
    app, aid = world.app, opened(world)
    send(app, by(VILLAGE), SaveSheet(assessment_id=aid, entries=full_sheet(app, aid)))
    send(app, by(VILLAGE), Submit(assessment_id=aid))
    send(app, by(TOWN), ReturnAssessment(assessment_id=aid, reason="材料不全", items=("1",)))
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
