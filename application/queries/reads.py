"""Every query area in one object, built once beside the commands."""

from __future__ import annotations

from application.authorization import Authorizer
from application.queries.access import AccessQueries
from application.queries.accounts import AccountQueries
from application.queries.assessments import AssessmentQueries
from application.queries.audit import AuditQueries
from application.queries.campaigns import CampaignQueries
from application.queries.log import LogQueries
from application.queries.rubrics import RubricQueries
from application.queries.units import UnitQueries
from application.read_ports import ReadModels


class Queries:
    """The reads callers may make, each authorized with the same Authorizer as the writes."""

    def __init__(self, auth: Authorizer, models: ReadModels) -> None:
        self.access = AccessQueries(auth)
        self.accounts = AccountQueries(auth, models)
        self.campaigns = CampaignQueries(auth, models)
        self.assessments = AssessmentQueries(auth, models)
        self.rubrics = RubricQueries(auth, models)
        self.units = UnitQueries(auth, models)
        self.log = LogQueries(auth, models)
        self.audit = AuditQueries(auth, models)
