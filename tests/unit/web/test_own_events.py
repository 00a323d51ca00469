"""A unit's and an account's own events on their history pages: what each changed, old → new,
as the audit trail says it, in the words of the timelines."""

from __future__ import annotations

from datetime import UTC, date, datetime
from uuid import UUID

from application.read_ports import StoredChange
from application.store import EventStore
from domain.account import Account, Role
from domain.audit import AuditedAggregate, Stamp
from domain.rubric import UnitLevel
from domain.unit import Unit
from web.pages.timeline.names import Names, Person, Place
from web.pages.timeline.own_events import own_lines

ADMIN = Stamp("admin", "administrator", "city", datetime(2024, 1, 1, tzinfo=UTC), "req")
CITY = Unit.register(ADMIN, "CZ", "长治市", UnitLevel.CITY, None)


class KnownNames(Names):
    """Names of the units made here, without a database."""

    def __init__(self, *units: Unit) -> None:
        super().__init__()
        self.units = {str(u.id): Place(u.name, u.code) for u in units}

    def person(self, account_id: str) -> Person:
        return Person(account_id, account_id)

    def place(self, unit_id: str | UUID | None) -> Place:
        return self.units.get(str(unit_id), Place("", ""))


def stored(aggregate: AuditedAggregate) -> list[StoredChange]:
    """The aggregate's events as the store gives them back, oldest first."""
    mapper = EventStore(env={"PERSISTENCE_MODULE": "eventsourcing.popo"}).mapper
    found = []
    for event in aggregate.collect_events():
        record = mapper.to_stored_event(event)
        state = mapper.transcoder.decode(record.state)
        found.append(StoredChange(record.originator_version, record.topic, state, event=event))
    return found


def test_a_units_own_events_show_what_each_changed() -> None:
    county = Unit.register(ADMIN, "CZ-01", "潞州区", UnitLevel.COUNTY, CITY)
    east = Unit.register(ADMIN, "CZ-01-01", "东街街道", UnitLevel.TOWN, county)
    west = Unit.register(ADMIN, "CZ-01-02", "西街街道", UnitLevel.TOWN, county)
    station = Unit.register(ADMIN, "CZ-01-01-01", "东街社区", UnitLevel.VILLAGE, east)
    station.rename(ADMIN, "东街新社区")
    station.set_contact(ADMIN, "李明", "0355-1234567")
    station.move(ADMIN, west, date(2024, 7, 1), "区划调整")
    station.close(ADMIN, "撤并")
    lines = own_lines(stored(station), KnownNames(county, east, west, station))
    assert [(line.what, line.old, line.new) for line in lines] == [
        ("登记单位", None, "东街社区（CZ-01-01-01），上级：东街街道"),
        ("单位更名", "东街社区", "东街新社区"),
        ("更新联系人", None, "李明 0355-1234567"),
        ("调整隶属关系", "东街街道", "西街街道（2024-07-01 起）"),
        ("撤销单位", "正常", "已撤销"),
    ]


def test_an_accounts_own_events_show_its_grants_and_refusals() -> None:
    county = Unit.register(ADMIN, "CZ-01", "潞州区", UnitLevel.COUNTY, CITY)
    town = Unit.register(ADMIN, "CZ-01-01", "东街街道", UnitLevel.TOWN, county)
    account = Account.create(ADMIN, "wang.fang", "王芳")
    grant = account.grant(ADMIN, Role.TOWN_REVIEWER, town.id)
    account.record_access_denied(ADMIN, "audit.read", "unit:CZ", None, "不在辖区", repeats=2)
    account.revoke(ADMIN, grant.grant_id, "调岗")
    account.disable(ADMIN, "离职")
    lines = own_lines(stored(account), KnownNames(town))
    assert [(line.what, line.old, line.new) for line in lines] == [
        ("创建账号", None, "王芳（wang.fang）"),
        ("授予角色", None, "审核人员 · 东街街道"),
        ("拒绝访问", None, "拒绝：查看审计记录（单位 CZ）"),
        ("收回角色", "审核人员 · 东街街道", None),
        ("停用账号", "正常", "已停用"),
    ]
