"""The application's queries over an application and its projections, wired as the web app does."""

from __future__ import annotations

from application.service import Kaohe
from infra.bootstrap import build_authorizer, build_queries
from infra.projections.registry import Projections
from infra.read_models import ProjectedQueries


def read_queries(app: Kaohe, projections: Projections) -> ProjectedQueries:
    return build_queries(app, projections, build_authorizer(app, projections))
