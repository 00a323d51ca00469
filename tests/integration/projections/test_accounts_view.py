"""The accounts read model in SQL on both stores: what the aggregates hold, live and rebuilt."""

from __future__ import annotations

from application.commands.accounts import CreateAccount, GrantRole
from application.service import Kaohe
from domain.account import Role
from infra.projections.registry import Projections
from tests.unit.application.conftest import admin
from tests.unit.application.sending import send
from tests.unit.projections.activity import a_quarter


def test_the_view_holds_each_accounts_names_state_and_grants_live_and_rebuilt(
    app: Kaohe, projections: Projections
) -> None:
    a_quarter(app)
    send(
        app,
        admin(),
        CreateAccount(username="li.si", display_name="李\x00四", password="password-12345"),
    )
    send(app, admin(), GrantRole(username="li.si", role=Role.STATION_STAFF, unit="V1"))
    projections.catch_up()
    rows = projections.accounts().all_accounts()
    assert [(r.username, r.display_name, r.disabled) for r in rows] == [
        ("li.si", "李\u2400四", False),
        ("zhang.san", "张三", True),
    ]
    li = app.accounts.get("li.si")
    assert rows[0].version == li.version
    assert [(g.grant_id, g.role) for g in rows[0].grants] == [
        (g.grant_id, g.role.value) for g in li.grants.values()
    ]
    assert projections.accounts().account_by_username("zhang.san") == rows[1]
    assert projections.rebuild("accounts") == 2
    assert projections.accounts().all_accounts() == rows
