"""The accounts read model: fed the events of a real quarter, it holds what the aggregates hold."""

from __future__ import annotations

from dataclasses import dataclass, field
from uuid import UUID

from application.commands.accounts import CreateAccount, GrantRole
from application.service import Kaohe
from domain.account import Role
from domain.ids import unit_id
from projections.accounts import AccountRow, Accounts
from tests.unit.projections.activity import Quarter
from tests.unit.projections.fakes import feed


@dataclass
class InMemoryAccounts:
    """The accounts view over a dict."""

    accounts: dict[UUID, AccountRow] = field(default_factory=dict)

    def account(self, account_id: UUID) -> AccountRow | None:
        return self.accounts.get(account_id)

    def put_account(self, account: AccountRow) -> None:
        self.accounts[account.account_id] = account


def built(app: Kaohe) -> InMemoryAccounts:
    view = InMemoryAccounts()
    feed(app.store, Accounts(), view)
    return view


def test_each_account_row_matches_its_aggregate(memory_app: Kaohe, quarter: Quarter) -> None:
    app = memory_app
    app.setup(
        CreateAccount(username="li.si", display_name="李四", password="password-12345"),
    )
    app.setup(GrantRole(username="li.si", role=Role.STATION_STAFF, unit="V1"))
    app.setup(GrantRole(username="li.si", role=Role.TOWN_REVIEWER, unit="T2"))
    view = built(app)
    assert len(view.accounts) == 2
    for row in view.accounts.values():
        account = app.accounts.get_by_id(row.account_id)
        assert (row.username, row.display_name, row.disabled, row.version) == (
            account.username,
            account.display_name,
            account.disabled,
            account.version,
        )
        assert [(g.grant_id, g.role, g.unit_id) for g in row.grants] == [
            (g.grant_id, g.role.value, g.unit_id) for g in account.grants.values()
        ]
    zhang = next(r for r in view.accounts.values() if r.username == "zhang.san")
    assert (zhang.display_name, zhang.disabled, zhang.grants) == ("张三", True, ())
    li = next(r for r in view.accounts.values() if r.username == "li.si")
    assert [(g.role, g.unit_id) for g in li.grants] == [
        ("station_staff", unit_id("V1")),
        ("town_reviewer", unit_id("T2")),
    ]


def test_processing_the_same_events_again_gives_the_same_rows(
    memory_app: Kaohe, quarter: Quarter
) -> None:
    assert built(memory_app) == built(memory_app)


def test_only_account_events_are_decoded(memory_app: Kaohe, quarter: Quarter) -> None:
    processor = Accounts()
    topics = {n.topic for n in memory_app.store.recorder.select_notifications(1, 10_000)}
    handled = {t for t in topics if processor.handles(t)}
    assert handled == {t for t in topics if t.startswith("domain.account:Account.")}
