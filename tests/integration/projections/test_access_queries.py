"""The access queries: the caller's own account, another account by the caller's reach,
checks and reach on units, signing in, and an account with its history."""

from __future__ import annotations

import pytest

from application.authorization import Action, Caller
from application.commands.accounts import CreateAccount, DisableAccount, GrantRole
from application.errors import AuthenticationError, NotFoundError, PermissionDeniedError
from application.queries.reads import Queries
from application.service import Kaohe
from domain.account import Role
from domain.ids import account_id, unit_id
from infra.projections.registry import Projections
from tests.integration.read_queries import read_queries
from tests.unit.application.conftest import admin
from tests.unit.application.sending import send
from tests.unit.projections.activity import staffed_hierarchy

PASSWORD = "password-12345"


def people(app: Kaohe, projections: Projections) -> Queries:
    """The hierarchy with the Fengdu rubric published, a regulator over the city, a reviewer
    of T1 and a station of V1."""
    staffed_hierarchy(app)
    for name, role, unit in (
        ("regulator", Role.CITY_REGULATOR, "CITY"),
        ("reviewer", Role.TOWN_REVIEWER, "T1"),
        ("staff", Role.STATION_STAFF, "V1"),
    ):
        send(app, admin(), CreateAccount(username=name, display_name=name, password=PASSWORD))
        send(app, admin(), GrantRole(username=name, role=role, unit=unit))
    return read_queries(app, projections)


def caller(username: str) -> Caller:
    return Caller(account_id(username), "test")


def test_an_account_is_read_by_itself_or_by_a_reader_of_accounts_over_its_units(
    app: Kaohe, projections: Projections
) -> None:
    access = people(app, projections).access
    assert access.me(caller("staff")).username == "staff"
    assert access.account(caller("staff"), "staff").username == "staff"
    assert access.account(caller("regulator"), "staff").username == "staff"
    with pytest.raises(PermissionDeniedError):
        access.account(caller("reviewer"), "staff")
    with pytest.raises(NotFoundError, match="account nobody not found"):
        access.account(caller("regulator"), "nobody")


def test_a_disabled_account_is_refused_as_if_it_had_not_signed_in(
    app: Kaohe, projections: Projections
) -> None:
    access = people(app, projections).access
    send(app, admin(), DisableAccount(username="staff", reason="离职"))
    with pytest.raises(AuthenticationError, match="disabled"):
        access.me(caller("staff"))
    with pytest.raises(AuthenticationError, match="disabled"):
        access.live(account_id("staff"), app.bus.unit_of_work())


def test_checks_and_reach_follow_the_subtree_of_the_grant(
    app: Kaohe, projections: Projections
) -> None:
    access = people(app, projections).access
    reviewer = caller("reviewer")
    assert access.reach(reviewer, Action.READ_ASSESSMENTS, "home") == [unit_id("T1")]
    actor = access.check(reviewer, Action.READ_TABLES, "table:x@V1", unit_id("V1"))
    assert (actor.role, actor.unit_id) == (Role.TOWN_REVIEWER, unit_id("T1"))
    with pytest.raises(PermissionDeniedError):
        access.check(reviewer, Action.READ_TABLES, "table:x@V3", unit_id("V3"))
    with pytest.raises(PermissionDeniedError):
        access.reach(caller("staff"), Action.READ_RISK, "risk page")
    assert access.holds(unit_id("T1"), unit_id("V1"))
    assert not access.holds(unit_id("T1"), unit_id("V3"))
    me = access.me(reviewer)
    assert access.acting_grant(me, Action.APPROVE, unit_id("V2")) is not None
    assert access.acting_grant(me, Action.FINALIZE, unit_id("V2")) is None


def test_signing_in_needs_the_password_and_an_account_shows_its_own_history(
    app: Kaohe, projections: Projections
) -> None:
    queries = people(app, projections)
    assert queries.accounts.authenticate("staff", PASSWORD).username == "staff"
    with pytest.raises(AuthenticationError, match="wrong username or password"):
        queries.accounts.authenticate("staff", "not-the-password")
    with pytest.raises(AuthenticationError, match="wrong username or password"):
        queries.accounts.authenticate("nobody", PASSWORD)
    found, history = queries.accounts.with_history(caller("regulator"), "staff")
    assert found.username == "staff"
    events = [h.topic.rpartition(".")[2] for h in history]
    assert events == ["Created", "PasswordSet", "RoleGranted"]
    with pytest.raises(PermissionDeniedError):
        queries.accounts.with_history(caller("reviewer"), "staff")
