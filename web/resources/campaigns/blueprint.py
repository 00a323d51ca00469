"""The campaigns blueprint and how a campaign is shown."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from application.bus import Outcome
from domain.campaign import Campaign
from domain.unit import Unit
from web.context import unit_of_work
from web.resources.common import versioned
from web.smorest import api_blueprint

blp = api_blueprint(
    "campaigns",
    __name__,
    url_prefix="/api/v1",
    description="Spot checks (抽查复核): campaigns, their verifiable draws, the risk report",
)


def campaign_row(c: Campaign) -> dict[str, Any]:
    county = unit_of_work().load(Unit, c.county_id, f"unit {c.county_id}")
    return {
        "id": c.id,
        "county": county.code,
        "county_name": county.name,
        "period": c.period,
        "name": c.name,
        "mode": c.mode.value,
        "size": c.size,
        "method": c.method,
        "stage": c.stage.value,
        "version": c.version,
        "frame_size": len(c.frame),
        "frame_hash": c.frame_hash,
        "sampled": len(c.sample),
    }


def campaign_json(c: Campaign, as_of: datetime | None = None) -> dict[str, Any]:
    """The campaign with its frame, seed, sample (exact inclusion probabilities), findings."""
    return campaign_row(c) | {
        "as_of": as_of,
        "seed": c.seed,
        "seed_source": c.seed_source,
        "frame": [e.to_data() for e in c.frame],
        "sample": [
            s.to_data() | {"finding": c.findings.get(str(s.assessment_id))} for s in c.sample
        ],
        "findings": c.findings,
        "plan": None if c.plan is None else c.plan.to_data(),
        "commitment": None if c.commitment is None else c.commitment.to_data(),
        "rounds": [r.to_data() for r in c.rounds],
    }


def changed(outcome: Outcome, status: int = 200) -> tuple[dict[str, Any], int, dict[str, str]]:
    """The campaign the command saved (or first saved, when its key is repeated)."""
    c = outcome.aggregate
    assert isinstance(c, Campaign)
    return versioned(campaign_json(c), outcome.version, status)
