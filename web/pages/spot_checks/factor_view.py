"""The campaign page's verification factors: the headline naming the worst sheet, the pooled
factor with its interval, and each sampled sheet and town with its band in words."""

from __future__ import annotations

from typing import Any

from domain.campaign import Campaign, Stage
from web.context import queries


def factor_view(c: Campaign) -> dict[str, Any] | None:
    """The factors of the sampled sheets once drawn (None before), as the API gives them."""
    if c.stage not in (Stage.DRAWN, Stage.CLOSED):
        return None
    return queries().spot_checks.factors(c)
