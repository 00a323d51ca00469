"""Every read model of Kaohe by name: its processor and the SQL view it writes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from infra.projections.accounts_sql import SqlAccountsView
from infra.projections.audit_trail_sql import SqlAuditTrailView
from infra.projections.campaigns_sql import SqlCampaignsView
from infra.projections.database import Database
from infra.projections.rectifications_sql import SqlRectificationsView
from infra.projections.scores_sql import SqlScoresView
from infra.projections.units_sql import SqlUnitsView
from infra.projections.view import Projection
from projections.accounts import ACCOUNTS, Accounts
from projections.audit_trail import AUDIT_TRAIL, AuditTrail
from projections.campaigns import CAMPAIGNS, Campaigns
from projections.rectifications import RECTIFICATIONS, Rectifications
from projections.scores import SCORES, Scores
from projections.units import UNITS, Units

PROJECTIONS: dict[str, Callable[[Database], Projection[Any]]] = {
    UNITS: lambda db: Projection(Units(), SqlUnitsView(db)),
    AUDIT_TRAIL: lambda db: Projection(AuditTrail(), SqlAuditTrailView(db)),
    SCORES: lambda db: Projection(Scores(), SqlScoresView(db)),
    ACCOUNTS: lambda db: Projection(Accounts(), SqlAccountsView(db)),
    CAMPAIGNS: lambda db: Projection(Campaigns(), SqlCampaignsView(db)),
    RECTIFICATIONS: lambda db: Projection(Rectifications(), SqlRectificationsView(db)),
}
"""Every read model by name: a new one is one more line here."""
