"""The demo campaign's randomness, as a county would fix it: the auditors throw ten-sided dice
before opening, publish the SHA-256 of the digits with the plan, and reveal the digits only
after the frame is frozen."""

from __future__ import annotations

from uuid import UUID

from application.commands.campaigns import EnterSeed, OpenCampaign
from domain.campaign_plan import Escalation, FollowUp, Plan
from domain.commitment import Commitment, seed_digest
from domain.sample_size import SizeGoal

DICE = "31415926535897932384"
"""The digits thrown; only their SHA-256 is told at opening."""

SOURCE = "县局抽查组立项前公开掷十面骰所得，立项时已公布其 SHA-256，冻结抽样框后揭晓"

PLAN = Plan(SizeGoal.typed(4), Escalation(1, FollowUp.ROUND, 4))
"""Four sheets; more than one error or falsification among them calls for four more."""


def opening(county: str, period: str, name: str) -> OpenCampaign:
    """Open the stratified campaign, committed to the dice's digits."""
    return OpenCampaign(
        county=county,
        period=period,
        campaign_name=name,
        mode="stratified",
        plan=PLAN,
        commitment=Commitment.to_seed(seed_digest(DICE)),
    )


def reveal(cid: UUID) -> EnterSeed:
    """The digits, once the frame is frozen."""
    return EnterSeed(campaign_id=cid, seed=DICE, source=SOURCE)
