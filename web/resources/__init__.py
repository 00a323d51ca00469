"""The REST resources, one package each (routes + schemas)."""

from __future__ import annotations

from web.resources.accounts.routes import blp as accounts
from web.resources.assessments.blueprint import blp as assessments
from web.resources.assessments.routes import AssessmentsViews
from web.resources.audit.routes import blp as audit
from web.resources.auth.routes import blp as auth
from web.resources.campaigns.blueprint import blp as campaigns
from web.resources.campaigns.routes import CampaignsViews
from web.resources.hand_ups.routes import blp as hand_ups
from web.resources.health.routes import blp as health
from web.resources.ledger.routes import blp as ledger
from web.resources.rectifications.routes import blp as rectifications
from web.resources.rubrics.routes import blp as rubrics
from web.resources.tables.routes import blp as tables
from web.resources.units.routes import blp as units
from web.smorest import ApiBlueprint

ROUTES = (AssessmentsViews, CampaignsViews)
"""Importing the assessment and campaign routes registers them (and the routes they import)."""

BLUEPRINTS: list[ApiBlueprint] = [
    auth,
    accounts,
    units,
    rubrics,
    assessments,
    campaigns,
    rectifications,
    audit,
    tables,
    hand_ups,
    ledger,
    health,
]

PUBLIC_ENDPOINTS = frozenset(
    {
        *("service", "health", "docs_assets", "static", "auth.TokenViews"),
        *("auth.SessionViews", "health.HealthViews"),
    }
)
"""Endpoints answered without logging in (logging in itself, liveness, health, the API
docs). /api/v1/health shows more to a caller who is logged in."""
