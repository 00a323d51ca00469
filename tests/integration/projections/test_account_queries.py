"""The account queries: managed accounts by the caller's reach, names for history, refusals."""

from __future__ import annotations

import pytest

from application.authorization import Caller
from application.commands.accounts import CreateAccount, GrantRole
from application.errors import PermissionDeniedError
from application.service import Kaohe
from domain.account import Role
from infra.projections.registry import Projections
from tests.integration.read_queries import read_queries
from tests.unit.application.conftest import admin
from tests.unit.application.sending import send
from tests.unit.projections.activity import staffed_hierarchy


def test_an_administrator_reads_the_accounts_in_reach_and_its_own_write_at_once(
    app: Kaohe, projections: Projections
) -> None:
    staffed_hierarchy(app)
    queries = read_queries(app, projections)
    made = send(
        app,
        admin(),
        CreateAccount(username="admin-t1", display_name="管理员", password="password-12345"),
    ).id
    send(app, admin(), GrantRole(username="admin-t1", role=Role.ADMINISTRATOR, unit="T1"))
    for name, unit in (("in.t1", "V1"), ("in.t2", "V3")):
        send(
            app,
            admin(),
            CreateAccount(username=name, display_name=name.upper(), password="password-12345"),
        )
        send(app, admin(), GrantRole(username=name, role=Role.STATION_STAFF, unit=unit))
    send(
        app,
        admin(),
        CreateAccount(username="no.role", display_name="无角色", password="password-12345"),
    )
    managed = queries.accounts.managed(Caller(made, "test"))
    assert [a.username for a in managed] == ["admin-t1", "in.t1", "no.role"]
    assert queries.accounts.display_name(made) == "管理员"
    assert queries.accounts.display_name("not-an-id") == "系统"


def test_a_caller_who_manages_no_accounts_is_refused(app: Kaohe, projections: Projections) -> None:
    staffed_hierarchy(app)
    queries = read_queries(app, projections)
    staff = send(
        app,
        admin(),
        CreateAccount(username="staff.v1", display_name="站员", password="password-12345"),
    ).id
    send(app, admin(), GrantRole(username="staff.v1", role=Role.STATION_STAFF, unit="V1"))
    with pytest.raises(PermissionDeniedError):
        queries.accounts.managed(Caller(staff, "test"))
