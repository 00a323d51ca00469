"""The application's queries over an application and its projections, wired as the web app does."""

from __future__ import annotations

from application.authorization import Caller
from application.commands.accounts import CreateAccount, GrantRole
from application.service import Kaohe
from domain.account import Role
from infra.bootstrap import build_authorizer, build_queries
from infra.projections.registry import Projections
from infra.read_models import ProjectedQueries
from tests.unit.application.conftest import admin
from tests.unit.application.sending import send


def read_queries(app: Kaohe, projections: Projections) -> ProjectedQueries:
    return build_queries(app, projections, build_authorizer(app, projections))


def account(app: Kaohe, name: str, role: Role, unit: str) -> Caller:
    """A new account holding `role` over `unit`, as the caller of queries."""
    made = send(
        app, admin(), CreateAccount(username=name, display_name=name, password="password-12345")
    ).id
    send(app, admin(), GrantRole(username=name, role=role, unit=unit))
    return Caller(made, "test")
