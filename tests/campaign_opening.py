"""Opening a campaign in tests: a typed size, committed to the seed the test reveals later."""

from __future__ import annotations

from application.commands.campaigns import OpenCampaign
from domain.campaign_plan import Escalation, Plan
from domain.commitment import Commitment, seed_digest
from domain.sample_size import SizeGoal

SEED = "31415926535897932384"


def opening(
    county: str = "C1",
    period: str = "2023Q2",
    name: str = "抽查",
    mode: str = "simple",
    size: int = 1,
    seed: str = SEED,
    escalation: Escalation | None = None,
) -> OpenCampaign:
    return OpenCampaign(
        county=county,
        period=period,
        campaign_name=name,
        mode=mode,
        plan=Plan(SizeGoal.typed(size), escalation),
        commitment=Commitment.to_seed(seed_digest(seed)),
    )


def committed(seed: str = SEED) -> dict[str, str]:
    """The commitment as the API takes it."""
    return {"digest": seed_digest(seed)}
