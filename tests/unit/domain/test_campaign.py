"""The campaign: frame frozen before the seed, nothing changes the frame after, one draw."""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from uuid import UUID

import pytest

from domain.audit import Stamp, event_hash, topic_of
from domain.campaign import Campaign, Stage, campaign_id
from domain.campaign_plan import Plan
from domain.commitment import Commitment, seed_digest
from domain.errors import DomainError
from domain.sample_size import SizeGoal
from domain.sampling import METHOD, Design, Mode, draw, frame_hash
from tests.unit.domain.test_sampling import SEED, frame

AUDITOR = Stamp("auditor", "county_auditor", "C1", datetime(2023, 7, 3, tzinfo=UTC), "req")
COUNTY = UUID(int=99)


COMMITTED = Commitment.to_seed(seed_digest(SEED))


def opened(mode: Mode = Mode.STRATIFIED, size: int = 4) -> Campaign:
    plan = Plan(SizeGoal.typed(size))
    return Campaign.open(AUDITOR, COUNTY, "2023Q2", "二季度抽查", mode, plan, COMMITTED)


def drawn() -> Campaign:
    c = opened()
    c.freeze_frame(AUDITOR, frame([3, 5]))
    c.enter_seed(AUDITOR, SEED, "2023-07-03 县中心公开掷骰，直播")
    c.draw(AUDITOR)
    return c


def test_a_campaign_goes_from_frame_to_seed_to_sample() -> None:
    c = drawn()
    entries = frame([3, 5])
    assert c.id == campaign_id(COUNTY, "2023Q2", "二季度抽查")
    assert c.method == METHOD and c.stage is Stage.DRAWN
    assert c.frame_hash == frame_hash(Design(Mode.STRATIFIED, 4), entries)
    assert c.sample == draw(Design(Mode.STRATIFIED, 4), entries, SEED)
    names = [type(e).__name__ for e in c.collect_events()]
    assert names == ["Opened", "SizeFixed", "FrameFrozen", "SeedEntered", "SampleDrawn"]


def test_the_frame_is_recorded_in_full_before_the_seed_exists() -> None:
    c = opened()
    c.freeze_frame(AUDITOR, frame([3, 5]))
    frozen = c.collect_events()[-1]
    assert isinstance(frozen, Campaign.FrameFrozen)
    assert frozen.frame_hash == frame_hash(Design(Mode.STRATIFIED, 4), frame([3, 5]))
    assert len(frozen.entries) == 8
    assert c.seed is None


def test_refuses_a_seed_before_the_frame_is_frozen() -> None:
    with pytest.raises(DomainError, match="cannot enter a seed for a campaign that is opened"):
        opened().enter_seed(AUDITOR, SEED, "掷骰")


def test_nothing_changes_the_frame_after_its_hash_is_recorded() -> None:
    c = opened()
    c.freeze_frame(AUDITOR, frame([3, 5]))
    for campaign in (c, drawn()):
        with pytest.raises(DomainError, match="cannot freeze the frame of a campaign that is"):
            campaign.freeze_frame(AUDITOR, frame([2]))


def test_refuses_a_second_seed_and_a_second_draw() -> None:
    c = drawn()
    with pytest.raises(DomainError, match="cannot enter a seed for a campaign that is drawn"):
        c.enter_seed(AUDITOR, "9999999999", "再掷一次")
    with pytest.raises(DomainError, match="cannot draw the sample of a campaign that is drawn"):
        c.draw(AUDITOR)


def test_refuses_a_draw_before_the_seed() -> None:
    c = opened()
    c.freeze_frame(AUDITOR, frame([3]))
    with pytest.raises(DomainError, match="allowed when it is seeded"):
        c.draw(AUDITOR)


def test_a_seed_without_a_source_is_said_to_come_from_its_commitment() -> None:
    c = opened()
    c.freeze_frame(AUDITOR, frame([3]))
    c.enter_seed(AUDITOR, SEED, " ")
    assert c.seed_source == "事先承诺其 SHA-256 的种子"


def test_closes_only_with_a_finding_for_every_sampled_assessment() -> None:
    c = drawn()
    sampled = [s.assessment_id for s in c.sample]
    with pytest.raises(DomainError, match="no finding yet for"):
        c.close(AUDITOR, {sampled[0]: "none"})
    with pytest.raises(DomainError, match="are not in the sample"):
        c.close(AUDITOR, {**dict.fromkeys(sampled, "none"), UUID(int=1): "none"})
    with pytest.raises(DomainError, match="unknown"):
        c.close(AUDITOR, dict.fromkeys(sampled, "fine"))
    c.close(AUDITOR, {**dict.fromkeys(sampled, "none"), sampled[1]: "falsification"})
    assert c.stage is Stage.CLOSED
    assert c.findings[str(sampled[1])] == "falsification"


@pytest.mark.parametrize(
    ("period", "name", "size", "message"),
    [
        ("2023-06", "抽查", 3, "not a real period"),
        ("2023Q2", " ", 3, "needs a name"),
        ("2023Q2", "抽查", 0, "typed sample size is 1 to"),
    ],
)
def test_refuses_a_bad_opening(period: str, name: str, size: int, message: str) -> None:
    with pytest.raises(DomainError, match=message):
        Campaign.open(
            AUDITOR, COUNTY, period, name, Mode.SIMPLE, Plan(SizeGoal.typed(size)), COMMITTED
        )


def test_events_replay_to_the_same_state_and_chain_their_hashes() -> None:
    c = drawn()
    events = c.collect_events()
    replayed = None
    for e in events:
        replayed = e.mutate(replayed)
    assert isinstance(replayed, Campaign)
    assert replayed.sample == c.sample and replayed.frame == c.frame
    assert [e.prev_hash for e in events[1:]] == [e.hash for e in events[:-1]]
    last = events[-1]
    state = copy.copy(last.__dict__)
    assert last.hash == event_hash(last.originator_id, 5, topic_of(type(last)), state)
