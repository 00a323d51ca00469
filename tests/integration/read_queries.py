"""The application's queries over an application and its projections, wired as the web app does."""

from __future__ import annotations

from application.authorization import Authorizer
from application.denials import StoreDenialLog
from application.queries.reads import Queries
from application.refusals import InMemoryRefusalLog
from application.service import Kaohe
from infra.projections.registry import Projections
from infra.read_models import ProjectedQueries, ProjectedReadModels
from infra.unit_tree import ViewUnitTree


def read_queries(app: Kaohe, projections: Projections) -> ProjectedQueries:
    clock = app.runner.clock
    auth = Authorizer(
        ViewUnitTree(projections),
        app.runner,
        InMemoryRefusalLog(clock),
        StoreDenialLog(app.store),
        clock,
    )
    return Queries(auth, ProjectedReadModels(projections, app))
