"""Queries on spot checks: a county's risk report, the sheets a frame would take, the factors
of a campaign's checked sheets."""

from __future__ import annotations

from typing import Any

from application.authorization import Action, Authorizer, Caller, Target
from application.commands.campaigns import Candidates
from application.read_ports import ReadModels
from application.sample_findings import sample_findings, sample_probabilities
from application.view_ports import SheetRecord, SpotChecksRead, ViewReads
from domain.campaign import Campaign
from domain.ids import unit_id
from domain.sampling import Mode


class SpotCheckQueries:
    """Spot-check reads: the risk report needs reading risk on the county."""

    def __init__(
        self,
        auth: Authorizer,
        views: ViewReads[SheetRecord, object, object, object],
        models: ReadModels,
    ) -> None:
        self.auth = auth
        self.views = views
        self.models = models

    def _read(self) -> SpotChecksRead:
        return self.views.spot_checks()

    def require_risk(self, caller: Caller, county: str) -> None:
        """Refused (and recorded) unless the caller may read the county's risk report (the
        unit need not exist yet)."""
        self.auth.actor(caller, Action.READ_RISK, Target(f"risk:{county}", unit_id(county)))

    def risk(
        self, caller: Caller, county: str, period: str, position: int | None
    ) -> dict[str, Any]:
        """The county's risk report for a period, at a log position (None: as far as the
        views have applied), each ranked unit named."""
        self.require_risk(caller, county)
        return self._read().risk(county, period, position)

    def periods(self, caller: Caller, county: str) -> list[str]:
        """The periods with the county's station sheets, latest first."""
        self.require_risk(caller, county)
        return self._read().periods(unit_id(county))

    def agreement(self, caller: Caller, county: str, period: str | None) -> dict[str, Any]:
        """Grading the graders: the county's reviewers and towns by their agreement with
        its verification (read with the risk report, whose weights it may replace)."""
        self.require_risk(caller, county)
        return self._read().agreement(county, period)

    def frame(self, campaign: Campaign) -> Candidates:
        """The sheets freezing a campaign the caller read would take now: its county's
        approved sheets of its period (weighted by the risk report in the weighted mode);
        the freeze command authorizes the step."""
        weighted = campaign.mode is Mode.WEIGHTED
        return self._read().frame(campaign.county_id, campaign.period, weighted)

    def agreement_frame(self, campaign: Campaign) -> Candidates:
        """The sheets freezing a campaign the caller read would take now, each weighted by
        its town's agreement with the county's verification (the freeze authorizes)."""
        return self._read().agreement_frame(campaign.county_id, campaign.period)

    def factors(self, campaign: Campaign) -> dict[str, Any]:
        """The verification factors of the sampled sheets of a campaign the caller read, each
        weighted by its inclusion probability and classified with its finding."""
        read = self.models.assessments()
        findings = sample_findings(campaign, lambda aid: read.assessment(aid))
        return self._read().factors(campaign.county_id, sample_probabilities(campaign), findings)
