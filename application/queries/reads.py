"""Every query area in one object, built once beside the commands."""

from __future__ import annotations

from typing import Generic, Protocol, TypeVar

from application.authorization import Authorizer
from application.ports import Aggregates
from application.queries.access import AccessQueries
from application.queries.accounts import AccountQueries
from application.queries.assessments import AssessmentQueries
from application.queries.audit import AuditQueries
from application.queries.campaigns import CampaignQueries
from application.queries.hand_ups import HandUpQueries
from application.queries.log import LogQueries
from application.queries.rectifications import RectificationQueries
from application.queries.rubrics import RubricQueries
from application.queries.sheets import SheetQueries
from application.queries.signals import SignalQueries
from application.queries.spot_checks import SpotCheckQueries
from application.queries.tables import TableQueries
from application.queries.trail import TrailQueries
from application.queries.units import UnitQueries
from application.read_ports import ReadModels
from application.view_ports import ChangeT, PageT, SheetRecord, SheetT, TableT, ViewReads

S = TypeVar("S", bound=SheetRecord)
C = TypeVar("C")
P = TypeVar("P")
T = TypeVar("T")


class AllReads(ReadModels, ViewReads[SheetT, ChangeT, PageT, TableT], Protocol):
    """The read models and the views, as one object implements them."""


class Queries(Generic[S, C, P, T]):
    """The reads callers may make, each authorized with the same Authorizer as the writes.
    Generic in the views' rows (sheets, their changes, pages of the trail, tables), which
    the queries hand on as the views give them."""

    def __init__(self, auth: Authorizer, models: AllReads[S, C, P, T]) -> None:
        self._auth = auth
        self._models = models
        self.access = AccessQueries(auth)
        self.accounts = AccountQueries(auth, models)
        self.campaigns = CampaignQueries(auth, models)
        self.assessments = AssessmentQueries(auth, models)
        self.rubrics = RubricQueries(auth, models)
        self.units = UnitQueries(auth, models)
        self.log = LogQueries(auth, models)
        self.audit = AuditQueries(auth, models)
        self.sheets: SheetQueries[S, C] = SheetQueries(auth, models, models)
        self.trail: TrailQueries[P] = TrailQueries(auth, models, models)
        self.tables: TableQueries[T] = TableQueries(auth, models)
        self.spot_checks = SpotCheckQueries(auth, models, models)
        self.rectifications = RectificationQueries(auth, models)
        self.hand_ups = HandUpQueries(auth, models)
        self.signals = SignalQueries(auth, models)

    def within(self, aggregates: Aggregates) -> Queries[S, C, P, T]:
        """The same queries authorizing through a request's unit of work, so the caller's
        account (and any unit the tree cannot vouch for) is read once per request."""
        return Queries(self._auth.within(aggregates), self._models)
