"""The account queries: managed accounts by the caller's reach, names for history, refusals."""

from __future__ import annotations

import pytest

from application.authorization import Caller
from application.errors import PermissionDeniedError
from application.service import Kaohe
from domain.account import Role
from infra.projections.registry import Projections
from tests.integration.read_queries import read_queries
from tests.unit.application.conftest import admin
from tests.unit.projections.activity import hierarchy


def test_an_administrator_reads_the_accounts_in_reach_and_its_own_write_at_once(
    app: Kaohe, projections: Projections
) -> None:
    hierarchy(app)
    queries = read_queries(app, projections)
    made = app.accounts.create(admin(), "admin-t1", "管理员", "password-12345").id
    app.accounts.grant(admin(), "admin-t1", Role.ADMINISTRATOR, "T1")
    for name, unit in (("in.t1", "V1"), ("in.t2", "V3")):
        app.accounts.create(admin(), name, name.upper(), "password-12345")
        app.accounts.grant(admin(), name, Role.STATION_STAFF, unit)
    app.accounts.create(admin(), "no.role", "无角色", "password-12345")
    managed = queries.accounts.managed(Caller(made, "test"))
    assert [a.username for a in managed] == ["admin-t1", "in.t1", "no.role"]
    assert queries.accounts.display_name(made) == "管理员"
    assert queries.accounts.display_name("not-an-id") == "系统"


def test_a_caller_who_manages_no_accounts_is_refused(app: Kaohe, projections: Projections) -> None:
    hierarchy(app)
    queries = read_queries(app, projections)
    staff = app.accounts.create(admin(), "staff.v1", "站员", "password-12345").id
    app.accounts.grant(admin(), "staff.v1", Role.STATION_STAFF, "V1")
    with pytest.raises(PermissionDeniedError):
        queries.accounts.managed(Caller(staff, "test"))
