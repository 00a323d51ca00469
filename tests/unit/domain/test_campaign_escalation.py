"""Escalation: a round whose findings pass the plan's threshold leads to a further round with
fresh committed randomness, drawn from the sheets not yet drawn, or to a full check."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.audit import Stamp
from domain.campaign import Campaign, Stage
from domain.campaign_plan import Escalation, FollowUp, Plan
from domain.campaign_rounds import draw_round
from domain.commitment import Commitment, seed_digest
from domain.errors import DomainError, FieldError
from domain.sample_size import SizeGoal
from domain.sampling import Mode
from tests.unit.domain.test_campaign import COUNTY
from tests.unit.domain.test_sampling import SEED, frame

STAMP = Stamp("auditor", "county_auditor", "C1", datetime(2023, 7, 3, tzinfo=UTC), "req")
SECOND = "27182818284590452353"


def drawn(then: FollowUp, size: int | None) -> Campaign:
    """Three of eight sheets drawn; more than one error or falsification escalates."""
    plan = Plan(SizeGoal.typed(3), Escalation(1, then, size))
    committed = Commitment.to_seed(seed_digest(SEED))
    c = Campaign.open(STAMP, COUNTY, "2023Q2", "抽查", Mode.SIMPLE, plan, committed)
    c.freeze_frame(STAMP, frame([4, 4]))
    c.enter_seed(STAMP, SEED, "立项前掷骰")
    c.draw(STAMP)
    return c


def found(c: Campaign, *serious: str) -> dict[UUID, str]:
    """The current round's findings: the given serious ones first, the rest none."""
    assert c.current is not None
    ids = [s.assessment_id for s in c.current.sample]
    return {aid: serious[i] if i < len(serious) else "none" for i, aid in enumerate(ids)}


def test_findings_at_the_threshold_close_the_campaign() -> None:
    c = drawn(FollowUp.ROUND, 2)
    with pytest.raises(DomainError, match="1 finding"):
        c.escalate(STAMP, found(c, "error"), Commitment.to_seed(seed_digest(SECOND)))
    c.close(STAMP, found(c, "error"))
    assert c.stage is Stage.CLOSED


def test_findings_past_the_threshold_call_for_a_further_round_with_fresh_randomness() -> None:
    c = drawn(FollowUp.ROUND, 2)
    findings = found(c, "error", "falsification")
    with pytest.raises(DomainError, match="escalate as the plan says"):
        c.close(STAMP, findings)
    with pytest.raises(FieldError, match="fresh commitment"):
        c.escalate(STAMP, findings, None)
    c.escalate(STAMP, findings, Commitment.to_seed(seed_digest(SECOND)))
    assert c.stage is Stage.ESCALATED
    with pytest.raises(FieldError, match="does not match the commitment"):
        c.enter_seed(STAMP, SEED, "又用了第一轮的种子")
    c.enter_seed(STAMP, SECOND, "升级时承诺的掷骰")
    c.draw(STAMP)
    first = [s.assessment_id for s in c.rounds[0].sample]
    second = [s.assessment_id for s in c.rounds[1].sample]
    assert len(second) == 2 and not set(first) & set(second)
    assert c.rounds[1].sample == draw_round(Mode.SIMPLE, c.frame, first, 2, SECOND)
    escalated = [e for e in c.collect_events() if isinstance(e, Campaign.Escalated)]
    assert (escalated[0].serious, escalated[0].above, escalated[0].round) == (2, 1, 1)
    c.close(STAMP, findings | found(c))
    assert c.stage is Stage.CLOSED and len(c.findings) == 5


def test_a_full_check_takes_every_sheet_left_without_randomness() -> None:
    c = drawn(FollowUp.FULL, None)
    c.escalate(STAMP, found(c, "falsification", "falsification"), None)
    c.draw(STAMP)
    assert len(c.sample) == 8
    assert {s.probability for s in c.rounds[1].sample} == {1}
    assert c.rounds[1].seed is None


def test_each_round_is_judged_on_its_own_findings() -> None:
    c = drawn(FollowUp.ROUND, 2)
    first = found(c, "error", "falsification")
    c.escalate(STAMP, first, Commitment.to_seed(seed_digest(SECOND)))
    c.enter_seed(STAMP, SECOND, "升级时承诺的掷骰")
    c.draw(STAMP)
    both = first | found(c, "error", "error")
    third = "16180339887498948482"
    c.escalate(STAMP, both, Commitment.to_seed(seed_digest(third)))
    escalations = [e for e in c.collect_events() if isinstance(e, Campaign.Escalated)]
    assert [(e.round, e.serious, len(e.findings)) for e in escalations] == [(1, 2, 3), (2, 2, 2)]


@given(
    above=st.integers(0, 3),
    size=st.integers(1, 4),
    serious=st.lists(st.integers(0, 3), min_size=1, max_size=5),
)
def test_rounds_never_overlap_and_escalate_exactly_past_the_threshold(
    above: int, size: int, serious: list[int]
) -> None:
    """Round after round, `serious[i]` of the round's sheets (or all) are errors: the campaign
    escalates exactly when that count passes the threshold and sheets are left."""
    plan = Plan(SizeGoal.typed(3), Escalation(above, FollowUp.ROUND, size))
    committed = Commitment.to_seed(seed_digest(SEED))
    c = Campaign.open(STAMP, COUNTY, "2023Q2", "抽查", Mode.SIMPLE, plan, committed)
    c.freeze_frame(STAMP, frame([4, 4]))
    c.enter_seed(STAMP, SEED, "掷骰")
    c.draw(STAMP)
    findings: dict[UUID, str] = {}
    for number, wanted in enumerate(serious):
        assert c.current is not None
        errors = min(wanted, len(c.current.sample))
        findings |= found(c, *["error"] * errors)
        drawn_ids = [s.assessment_id for s in c.sample]
        assert len(drawn_ids) == len(set(drawn_ids))
        due = errors > above and len(drawn_ids) < 8
        if not due:
            c.close(STAMP, findings)
            assert c.stage is Stage.CLOSED
            return
        seed = f"{number + 1:02d}" * 10
        c.escalate(STAMP, findings, Commitment.to_seed(seed_digest(seed)))
        c.enter_seed(STAMP, seed, "升级时承诺")
        c.draw(STAMP)
    assert c.stage is Stage.DRAWN
