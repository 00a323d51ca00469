"""Spot-check screens of counties: campaigns, frame, seed, sample, re-scoring, findings, risk."""

from __future__ import annotations

from web.pages.spot_checks import agreement, campaign_list, campaign_page, finding, rescore, risk
from web.pages.spot_checks.blueprint import bp

__all__ = ["agreement", "bp", "campaign_list", "campaign_page", "finding", "rescore", "risk"]
