"""Bonus claims: every claim is kept and a matter counts only its highest tier, so a lower
claim never replaces a higher one; a claim leaves only by a withdrawal naming its matter and
tier, with a reason."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from uuid import UUID

import pytest

from application.store import EventStore
from domain.assessment import Assessment
from domain.entries import ItemEntry
from domain.errors import DomainError
from domain.workflow import Layer
from tests.unit.domain.builders import item, rubric
from tests.unit.domain.test_assessment import stamp

TIERS = {"central": "4", "ministerial": "3", "bureau": "2"}
RUBRIC = rubric(
    [item("1", "10"), item("58", "4", kind="bonus", rule="tiers", tiers=TIERS)],
    pass_mark="6",
)
HOME = "老兵之家"


def drafted() -> Assessment:
    a = Assessment.open(stamp(), UUID(int=1), UUID(int=2), RUBRIC, "2023Q2")
    a.score_item(stamp(), RUBRIC, "1", Layer.SELF, ItemEntry(points=Decimal(8)))
    return a


def bonus(a: Assessment) -> Decimal:
    return a.scorecard(RUBRIC).item("58").points


def test_a_lower_claim_for_the_same_matter_leaves_the_higher_one_counting() -> None:
    a = drafted()
    a.claim_bonus(stamp(), RUBRIC, "58", Layer.SELF, HOME, "central")
    a.claim_bonus(stamp(), RUBRIC, "58", Layer.SELF, HOME, "ministerial")
    assert a.layers["self"]["58"] == {"claims": [[HOME, "central"], [HOME, "ministerial"]]}
    assert bonus(a) == Decimal(4)
    assert "同一事项只计最高加分" in a.scorecard(RUBRIC).item("58").explanation[1]


def test_a_higher_claim_after_a_lower_one_counts() -> None:
    a = drafted()
    a.claim_bonus(stamp(), RUBRIC, "58", Layer.SELF, HOME, "bureau")
    a.claim_bonus(stamp(), RUBRIC, "58", Layer.SELF, HOME, "central")
    assert bonus(a) == Decimal(4)


def test_claiming_the_same_matter_and_tier_again_records_nothing() -> None:
    a = drafted()
    a.claim_bonus(stamp(), RUBRIC, "58", Layer.SELF, HOME, "central")
    before = len(a.pending_events)
    a.claim_bonus(stamp(), RUBRIC, "58", Layer.SELF, HOME, "central")
    assert len(a.pending_events) == before


def test_withdrawing_names_the_claim_and_leaves_the_others() -> None:
    a = drafted()
    a.claim_bonus(stamp(), RUBRIC, "58", Layer.SELF, HOME, "central")
    a.claim_bonus(stamp(), RUBRIC, "58", Layer.SELF, HOME, "ministerial")
    a.withdraw_bonus(stamp(), RUBRIC, "58", Layer.SELF, HOME, "central", "中央领导未到站视察")
    withdrawn = a.pending_events[-1]
    assert (withdrawn.matter, withdrawn.tier, withdrawn.reason) == (
        HOME,
        "central",
        "中央领导未到站视察",
    )
    assert withdrawn.counted == {
        "layer": "self",
        "entry": {"claims": [[HOME, "central"], [HOME, "ministerial"]]},
    }
    assert bonus(a) == Decimal(3)


def test_withdrawing_needs_a_reason_even_in_the_self_layer_and_changes_nothing() -> None:
    a = drafted()
    a.claim_bonus(stamp(), RUBRIC, "58", Layer.SELF, HOME, "central")
    before = len(a.pending_events)
    with pytest.raises(DomainError, match=r"a reason is required to withdraw a bonus claim"):
        a.withdraw_bonus(stamp(), RUBRIC, "58", Layer.SELF, HOME, "central", "  ")
    assert len(a.pending_events) == before and bonus(a) == Decimal(4)


def test_withdrawing_a_claim_not_made_says_which_claims_there_are() -> None:
    a = drafted()
    a.claim_bonus(stamp(), RUBRIC, "58", Layer.SELF, HOME, "central")
    with pytest.raises(DomainError, match=r"no self claim for matter '老兵之家' at tier 'bureau'"):
        a.withdraw_bonus(stamp(), RUBRIC, "58", Layer.SELF, HOME, "bureau", "申报有误")
    with pytest.raises(DomainError, match=r"its claims: '老兵之家' at central"):
        a.withdraw_bonus(stamp(), RUBRIC, "58", Layer.SELF, "其他", "central", "申报有误")


def test_a_withdrawal_stored_as_version_1_reads_back_without_a_tier() -> None:
    a = drafted()
    a.claim_bonus(stamp(), RUBRIC, "58", Layer.SELF, HOME, "central")
    a.withdraw_bonus(stamp(), RUBRIC, "58", Layer.SELF, HOME, "central", "申报有误")
    mapper = EventStore(env={"PERSISTENCE_MODULE": "eventsourcing.popo"}).mapper
    stored = mapper.to_stored_event(a.pending_events[-1])
    state = mapper.transcoder.decode(stored.state)
    for added in ("tier", "counted", "class_version"):
        del state[added]
    event = mapper.to_domain_event(replace(stored, state=mapper.transcoder.encode(state)))
    assert (event.matter, event.tier, event.counted) == (HOME, None, {"recorded": False})
