"""Assessment workflow: given past events, a command yields new events or a refusal."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from uuid import UUID

import pytest

from domain.assessment import Assessment
from domain.audit import GENESIS, Stamp
from domain.entries import ItemEntry
from domain.errors import DomainError, ScoringInputError
from domain.rubric import Rubric
from domain.workflow import Layer, Status
from tests.unit.domain.builders import item, rubric

D = Decimal
T0 = datetime(2023, 4, 1, 8, 0, tzinfo=UTC)
VETO = {"kind": "veto", "conditions": [{"id": "1", "text": "发生重大群体性事件的"}]}
RUBRIC = rubric(
    [
        item("1", "4"),
        item("2", "6"),
        item("9", None, kind="deduction", deductions=[{"id": "x", "text": "扣", "per": "1"}]),
        item("10", None, **VETO),
    ],
    pass_mark="6",
)
HASH = "a" * 64


ROLES = {
    "village": "station_staff",
    "town": "town_reviewer",
    "county": "county_auditor",
    "city": "city_regulator",
}


def stamp(who: str = "village", minute: int = 0) -> Stamp:
    at = T0 + timedelta(minutes=minute)
    return Stamp(who, ROLES[who], f"{who}-unit", at, f"req-{minute}")


def opened() -> Assessment:
    return Assessment.open(stamp(), UUID(int=1), UUID(int=2), RUBRIC, "2023Q2")


def filled() -> Assessment:
    a = opened()
    a.save_sheet(stamp(minute=1), RUBRIC, Layer.SELF, {"1": entry("4"), "2": entry("5")})
    return a


def submitted() -> Assessment:
    a = filled()
    a.submit(stamp(minute=2), RUBRIC)
    return a


def approved() -> Assessment:
    a = submitted()
    a.approve(stamp("town", 3))
    return a


def finalized() -> Assessment:
    a = approved()
    a.finalize(stamp("county", 4))
    return a


def entry(points: str) -> ItemEntry:
    return ItemEntry(points=D(points))


def new_events(a: Assessment, command: Callable[[Assessment], object]) -> list[str]:
    before = len(a.pending_events)
    command(a)
    return [type(e).__name__ for e in a.pending_events[before:]]


def test_opening_pins_the_rubric_and_starts_the_hash_chain() -> None:
    a = opened()
    (event,) = a.pending_events
    assert (a.status, a.rubric_code, a.rubric_version, a.period) == (
        Status.DRAFT,
        "test-rubric",
        1,
        "2023Q2",
    )
    assert event.prev_hash == GENESIS and a.last_hash == event.hash
    assert (event.actor_id, event.actor_role, event.correlation_id) == (
        "village",
        "station_staff",
        "req-0",
    )


def test_a_period_must_fit_the_rubric() -> None:
    with pytest.raises(DomainError, match=r"period '2023' does not fit a quarter rubric"):
        Assessment.open(stamp(), UUID(int=1), UUID(int=2), RUBRIC, "2023")


def test_each_event_chains_to_the_previous_hash() -> None:
    a = filled()
    hashes = [(e.prev_hash, e.hash) for e in a.pending_events]
    assert all(prev == hashes[i][1] for i, (prev, _) in enumerate(hashes[1:]))


def test_saving_a_sheet_scores_each_item_in_the_self_layer() -> None:
    a = opened()
    names = new_events(
        a, lambda a: a.save_sheet(stamp(), RUBRIC, Layer.SELF, {"1": entry("4"), "2": entry("5")})
    )
    assert names == ["ItemScored", "ItemScored"]
    assert a.scorecard(RUBRIC).total == D(9)


def test_a_sheet_with_one_bad_entry_changes_nothing() -> None:
    a = opened()
    with pytest.raises(ScoringInputError, match=r"item 2: points 7 are outside 0..6"):
        a.save_sheet(stamp(), RUBRIC, Layer.SELF, {"1": entry("4"), "2": entry("7")})
    assert len(a.pending_events) == 1


def test_a_sheet_with_more_entries_than_items_is_refused_whole_with_one_problem() -> None:
    a = opened()
    entries = {str(n): entry("1") for n in range(1, 1001)}
    with pytest.raises(ScoringInputError) as refused:
        a.save_sheet(stamp(), RUBRIC, Layer.SELF, entries)
    assert refused.value.problems == ("sheet: 1000 entries, but the rubric has 4 items; one each",)
    assert len(a.pending_events) == 1


def test_an_unchanged_entry_records_nothing() -> None:
    a = filled()
    assert new_events(a, lambda a: a.score_item(stamp(), RUBRIC, "1", Layer.SELF, entry("4"))) == []


def test_revising_a_score_records_the_previous_entry() -> None:
    a = filled()
    a.score_item(stamp(), RUBRIC, "1", Layer.SELF, entry("3"))
    event = a.pending_events[-1]
    assert (event.previous, event.entry) == ({"points": "4"}, {"points": "3"})


def test_deductions_and_vetoes_need_a_reason_even_in_the_self_layer() -> None:
    a = filled()
    with pytest.raises(DomainError, match=r"a reason is required to change item 9"):
        a.apply_deduction(stamp(), RUBRIC, "9", Layer.SELF, "x", 2, None, "")
    assert new_events(
        a, lambda a: a.apply_deduction(stamp(), RUBRIC, "9", Layer.SELF, "x", 2, None, "信访2人次")
    ) == ["DeductionApplied"]
    assert a.scorecard(RUBRIC).total == D(7)


def test_a_raised_veto_voids_and_lifting_it_restores_the_result() -> None:
    a = filled()
    a.raise_veto(stamp(), RUBRIC, "10", Layer.SELF, "1", "发生群体性事件")
    assert a.scorecard(RUBRIC).result.value == "vetoed"
    a.lift_veto(stamp(), RUBRIC, "10", Layer.SELF, "1", "核实为误报")
    assert a.scorecard(RUBRIC).result.value == "passed"
    with pytest.raises(DomainError, match=r"veto condition 1 of item 10 is not raised"):
        a.lift_veto(stamp(), RUBRIC, "10", Layer.SELF, "1", "again")


def test_a_higher_layer_changing_part_of_an_item_keeps_what_lower_layers_recorded() -> None:
    a = filled()
    a.apply_deduction(stamp(), RUBRIC, "9", Layer.SELF, "x", 2, None, "信访2人次")
    a.raise_veto(stamp(), RUBRIC, "10", Layer.SELF, "1", "发生群体性事件")
    a.submit(stamp(minute=2), RUBRIC)
    a.apply_deduction(stamp("town"), RUBRIC, "9", Layer.REVIEW, "x", 3, None, "核实3人次")
    assert a.layers["review"]["9"] == {"counts": {"x": 3}}
    a.approve(stamp("town"))
    a.lift_veto(stamp("county"), RUBRIC, "10", Layer.VERIFICATION, "1", "核实为误报")
    assert a.layers["verification"]["10"] == {}
    assert a.layers["self"]["10"] == {"raised": ["1"]}  # the self layer keeps its record
    assert (a.scorecard(RUBRIC).total, a.scorecard(RUBRIC).result.value) == (D(6), "passed")


def test_submitting_needs_every_item_scored() -> None:
    a = opened()
    a.score_item(stamp(), RUBRIC, "1", Layer.SELF, entry("4"))
    with pytest.raises(DomainError, match=r"cannot submit: items 2 are not scored yet"):
        a.submit(stamp(), RUBRIC)


def test_no_self_scoring_after_submit() -> None:
    a = submitted()
    with pytest.raises(
        DomainError, match=r"cannot score the self layer of an assessment that is submitted"
    ):
        a.score_item(stamp(), RUBRIC, "1", Layer.SELF, entry("1"))


def test_review_changes_need_a_reason_and_stay_apart_from_the_self_layer() -> None:
    a = submitted()
    with pytest.raises(DomainError, match=r"a reason is required"):
        a.score_item(stamp("town"), RUBRIC, "2", Layer.REVIEW, entry("3"))
    a.score_item(stamp("town"), RUBRIC, "2", Layer.REVIEW, entry("3"), "台账不全")
    assert a.entry(Layer.SELF, "2").points == D(5)
    assert a.scorecard(RUBRIC).item("2").points == D(3)
    assert a.scorecard(RUBRIC, Layer.SELF).total == D(9)


def test_returning_names_items_and_reopens_the_self_layer() -> None:
    a = submitted()
    with pytest.raises(DomainError, match=r"no item '99' in test-rubric v1"):
        a.return_to_unit(stamp("town"), RUBRIC, "补充材料", ["99"])
    a.return_to_unit(stamp("town"), RUBRIC, "补充材料", ["2"])
    assert (a.status, a.returned_items) == (Status.RETURNED, ["2"])
    a.score_item(stamp(), RUBRIC, "2", Layer.SELF, entry("6"))
    a.submit(stamp(), RUBRIC)
    assert a.status is Status.SUBMITTED


def test_nobody_approves_what_they_submitted() -> None:
    a = submitted()
    with pytest.raises(DomainError, match=r"cannot approve an assessment you submitted yourself"):
        a.approve(stamp("village"))
    a.approve(stamp("town"))
    assert a.status is Status.APPROVED


def test_verification_overrides_need_a_reason_and_count_above_review() -> None:
    a = submitted()
    a.score_item(stamp("town"), RUBRIC, "1", Layer.REVIEW, entry("3"), "核减")
    a.approve(stamp("town"))
    a.score_item(stamp("county"), RUBRIC, "1", Layer.VERIFICATION, entry("2"), "抽查核实")
    assert a.scorecard(RUBRIC).item("1").points == D(2)
    assert a.scorecard(RUBRIC, Layer.REVIEW).item("1").points == D(3)


def test_a_falsification_finding_must_name_items_and_evidence() -> None:
    a = approved()
    with pytest.raises(DomainError, match=r"must name the items and the evidence"):
        a.record_finding(stamp("county"), RUBRIC, "falsification", ["1"], [], "台账造假")
    with pytest.raises(DomainError, match=r"is not attached"):
        a.record_finding(stamp("county"), RUBRIC, "falsification", ["1"], [HASH], "台账造假")
    a.attach_evidence(stamp("county"), RUBRIC, "照片.jpg", 10, HASH, "1")
    a.record_finding(stamp("county"), RUBRIC, "falsification", ["1"], [HASH], "台账造假")
    assert a.findings[0].finding == "falsification"


@pytest.mark.parametrize(
    "command",
    [
        lambda a: a.score_item(stamp(), RUBRIC, "1", Layer.VERIFICATION, entry("1"), "x"),
        lambda a: a.submit(stamp(), RUBRIC),
        lambda a: a.approve(stamp("city")),
        lambda a: a.return_to_unit(stamp("town"), RUBRIC, "x", []),
        lambda a: a.finalize(stamp("county")),
        lambda a: a.attach_evidence(stamp(), RUBRIC, "a.pdf", 1, HASH),
        lambda a: a.record_finding(stamp("county"), RUBRIC, "none", [], [], "x"),
    ],
)
def test_nothing_changes_after_finalize(command: Callable[[Assessment], object]) -> None:
    a = finalized()
    with pytest.raises(DomainError, match=r"finalized"):
        command(a)


def test_reopening_needs_a_reason_and_returns_to_review() -> None:
    a = finalized()
    with pytest.raises(DomainError, match=r"a reason is required to reopen"):
        a.reopen(stamp("city"), " ")
    with pytest.raises(DomainError, match=r"only a level above the one that finalized it"):
        a.reopen(stamp("town"), "想改分")
    a.reopen(stamp("city"), "复核发现问题")
    assert a.status is Status.SUBMITTED
    assert a.pending_events[-1].reason == "复核发现问题"


@pytest.mark.parametrize(
    ("build", "command", "message"),
    [
        (opened, lambda a: a.approve(stamp("town")), "cannot approve an assessment that is draft"),
        (
            opened,
            lambda a: a.finalize(stamp("town")),
            "cannot finalize an assessment that is draft",
        ),
        (
            opened,
            lambda a: a.reopen(stamp("town"), "x"),
            "cannot reopen an assessment that is draft",
        ),
        (
            submitted,
            lambda a: a.submit(stamp(), RUBRIC),
            "cannot submit an assessment that is submitted",
        ),
        (
            approved,
            lambda a: a.return_to_unit(stamp(), RUBRIC, "x", []),
            "cannot return an assessment that is approved",
        ),
        (
            submitted,
            lambda a: a.score_item(stamp(), RUBRIC, "1", Layer.VERIFICATION, entry("1"), "x"),
            "the verification layer is open when approved",
        ),
        (
            approved,
            lambda a: a.score_item(stamp(), RUBRIC, "1", Layer.REVIEW, entry("1"), "x"),
            "the review layer is open when submitted",
        ),
    ],
)
def test_each_status_refuses_actions_it_does_not_allow(
    build: Callable[[], Assessment], command: Callable[[Assessment], object], message: str
) -> None:
    a = build()
    count = len(a.pending_events)
    with pytest.raises(DomainError, match=message):
        command(a)
    assert len(a.pending_events) == count


def test_a_rubric_other_than_the_pinned_one_is_refused() -> None:
    other: Rubric = rubric([item("1", "10")], code="other-rubric")
    with pytest.raises(DomainError, match=r"pinned to test-rubric v1, not other-rubric v1"):
        opened().score_item(stamp(), other, "1", Layer.SELF, entry("1"))
