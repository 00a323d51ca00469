"""Through the handlers: a seed of the auditor's choosing is refused, the committed one draws a
sample that verification reproduces, findings past the threshold escalate, and an old
campaign without a commitment verifies with that said."""

from __future__ import annotations

from datetime import timedelta
from uuid import UUID

import pytest

from application.commands import assessments as sheets
from application.commands.campaigns import (
    CloseCampaign,
    DrawSample,
    EnterSeed,
    EscalateCampaign,
    FreezeFrame,
    weights_of,
)
from application.commands.rubrics import PublishRubric
from application.service import Kaohe
from domain.audit import Stamp
from domain.campaign import Campaign, Stage, campaign_id
from domain.campaign_plan import Escalation, FollowUp
from domain.commitment import Commitment, seed_digest
from domain.errors import FieldError
from domain.ids import unit_id
from infra.rubric_files import BUILTIN_DIR, read_definition
from tests.campaign_opening import SEED, opening
from tests.unit.application.conftest import TickingClock
from tests.unit.application.memory_world import as_system
from tests.unit.application.test_campaign_handlers import AUDITOR, act, sheet

RUBRIC = "fengdu-village-station"
SECOND = "27182818284590452353"


@pytest.fixture
def approved(app: Kaohe) -> list[UUID]:
    as_system(app, PublishRubric(definition=read_definition(BUILTIN_DIR / f"{RUBRIC}.v1.yaml")))
    return [sheet(app, "V1"), sheet(app, "V2")]


def frozen(app: Kaohe, approved: list[UUID], **plan: object) -> UUID:
    cid = act(app, AUDITOR, opening(**plan))  # type: ignore[arg-type]
    act(app, AUDITOR, FreezeFrame(campaign_id=cid, weights=weights_of(approved)))
    return cid


def test_a_seed_of_the_auditors_choosing_is_refused_and_changes_nothing(
    app: Kaohe, approved: list[UUID]
) -> None:
    cid = frozen(app, approved)
    before = app.campaigns.get(cid).version
    with pytest.raises(FieldError, match="does not match the commitment"):
        act(app, AUDITOR, EnterSeed(campaign_id=cid, seed="11111111111111111111", source="掷骰"))
    after = app.campaigns.get(cid)
    assert after.version == before and after.stage is Stage.FROZEN and after.seed is None


def test_the_committed_seed_draws_a_sample_verification_reproduces(
    app: Kaohe, approved: list[UUID]
) -> None:
    cid = frozen(app, approved)
    act(app, AUDITOR, EnterSeed(campaign_id=cid, seed=SEED, source="立项前掷骰"))
    act(app, AUDITOR, DrawSample(campaign_id=cid))
    result = app.campaigns.verify(cid)
    assert result.matches and result.commitment == "hash" and result.sample_size == 1
    assert any("keeps to its commitment" in note for note in result.notes)
    assert any("size 1 follows from the plan (typed, N = 2)" in n for n in result.notes)


def test_findings_past_the_threshold_escalate_to_a_round_from_the_sheets_left(
    app: Kaohe, approved: list[UUID]
) -> None:
    cid = frozen(app, approved, escalation=Escalation(0, FollowUp.ROUND, 1))
    act(app, AUDITOR, EnterSeed(campaign_id=cid, seed=SEED, source="立项前掷骰"))
    act(app, AUDITOR, DrawSample(campaign_id=cid))
    first = app.campaigns.get(cid).sample[0].assessment_id
    note = "站长任命文件系补签"
    act(app, AUDITOR, sheets.RecordFinding(assessment_id=first, finding="error", note=note))
    with pytest.raises(Exception, match="escalate as the plan says"):
        act(app, AUDITOR, CloseCampaign(campaign_id=cid))
    fresh = Commitment.to_seed(seed_digest(SECOND))
    act(app, AUDITOR, EscalateCampaign(campaign_id=cid, commitment=fresh))
    act(app, AUDITOR, EnterSeed(campaign_id=cid, seed=SECOND, source="升级时承诺的掷骰"))
    act(app, AUDITOR, DrawSample(campaign_id=cid))
    c = app.campaigns.get(cid)
    assert {s.assessment_id for s in c.sample} == set(approved)
    result = app.campaigns.verify(cid)
    assert result.matches and result.sample_size == 2
    assert any(n.startswith("round 2: the seed keeps") for n in result.notes)


def test_an_old_campaign_without_commitment_verifies_and_says_so(
    app: Kaohe, approved: list[UUID], clock: TickingClock
) -> None:
    cid = campaign_id(unit_id("C1"), "2023Q2", "旧抽查")
    stamp = Stamp(str(AUDITOR.account_id), "county_auditor", "C1", clock.now(), "old")
    old = Campaign._start(
        Campaign.Opened,
        cid,
        stamp,
        county_id=unit_id("C1"),
        period="2023Q2",
        name="旧抽查",
        mode="simple",
        size=1,
        method="kaohe-sampling/1",
        commitment=None,
        plan=None,
    )
    app.store.save(old)
    act(app, AUDITOR, FreezeFrame(campaign_id=cid, weights=weights_of(approved)))
    # The old way: the seed entered after the frame, with nothing fixed in advance.
    c = app.campaigns.get(cid)
    later = Stamp(stamp.actor_id, stamp.role, stamp.unit_id, stamp.at + timedelta(hours=1), "x")
    c._emit(Campaign.SeedEntered, later, seed=SEED, source="公开掷骰")
    c.draw(later)
    app.store.save(c)
    result = app.campaigns.verify(cid)
    assert result.matches and result.commitment == "none"
    assert any("no commitment was made" in note for note in result.notes)
