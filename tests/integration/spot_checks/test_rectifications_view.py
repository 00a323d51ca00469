"""The rectification ledger on both stores: rows as the items stand, rebuilt alike, read
through the guarded query with names, filters by town and status, and overdue by China's day."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from uuid import UUID

from application.authorization import Caller
from application.commands.accounts import CreateAccount, GrantRole
from application.commands.campaigns import CloseCampaign
from application.commands.rectifications import (
    CloseRectification,
    OpenRectification,
    ReportRectification,
)
from application.queries.rectifications import LedgerFilter
from domain.account import Role
from domain.china_time import china_day
from domain.rectification import Rectification, Source
from infra.projections.registry import Projections
from projections.rectifications import RectificationRow, Rectifications
from tests.integration.read_queries import read_queries
from tests.integration.spot_checks.conftest import AUDITOR, County, station
from tests.integration.spot_checks.test_campaigns import drawn
from tests.unit.application.conftest import admin, by
from tests.unit.application.sending import record_finding, send
from tests.unit.projections.fakes import feed


@dataclass
class InMemoryRectifications:
    rows: dict[UUID, RectificationRow] = field(default_factory=dict)

    def rectification(self, rectification_id: UUID) -> RectificationRow | None:
        return self.rows.get(rectification_id)

    def put_rectification(self, row: RectificationRow) -> None:
        self.rows[row.rectification_id] = row


def items(county: County, projections: Projections) -> list[UUID]:
    """A closed campaign with an error on every sampled sheet, each opened as an item due
    in a week; the first one reported and closed, the second one reported."""
    app = county.app
    cid = drawn(county, projections)
    sample = [s.assessment_id for s in app.campaigns.get(cid).sample]
    for aid in sample:
        record_finding(app, by(AUDITOR), aid, "error", [], [], "台账与自评不符")
    send(app, by(AUDITOR), CloseCampaign(campaign_id=cid))
    due = china_day(app.runner.clock.now()) + timedelta(days=7)
    opened, units = [], []
    for aid in sample:
        unit = app.units.get_by_id(app.assessments.get(aid).unit_id).code
        units.append(unit)
        command = OpenRectification(
            source=Source.finding(cid, aid),
            unit=unit,
            problem="补齐台账",
            deadline=due,
            owner_role=Role.STATION_STAFF.value,
        )
        opened.append(send(app, by(AUDITOR), command).id)
    for rid, unit in zip(opened[:2], units, strict=False):
        send(app, by(station(unit)), ReportRectification(rectification_id=rid, action="已补齐"))
    send(app, by(AUDITOR), CloseRectification(rectification_id=opened[0], note="复查合格"))
    return opened


def test_rows_match_the_items_and_a_rebuild_or_a_replay_changes_nothing(
    county: County, projections: Projections
) -> None:
    opened = items(county, projections)
    projections.catch_up()
    live = projections.rectifications().all_rectifications()
    assert [r.rectification_id for r in live] == opened
    assert [r.status for r in live] == ["closed", "reported", "open", "open"]
    first = county.app.runner.find(Rectification, opened[0])
    assert first is not None
    assert (live[0].unit_id, live[0].deadline, live[0].version) == (
        first.unit_id,
        first.deadline,
        first.version,
    )
    assert live[0].closed_at is not None and live[1].closed_at is None
    assert projections.rebuild("rectifications") == 2
    assert projections.rectifications().all_rectifications() == live
    once, twice = InMemoryRectifications(), InMemoryRectifications()
    feed(county.app.store, Rectifications(), once)
    feed(county.app.store, Rectifications(), once)
    feed(county.app.store, Rectifications(), twice)
    assert once == twice
    assert sorted(once.rows.values(), key=lambda r: r.opened_position) == live


def test_the_ledger_names_units_filters_and_marks_overdue_by_chinas_day(
    county: County, projections: Projections
) -> None:
    app = county.app
    opened = items(county, projections)
    queries = read_queries(app, projections)
    made = send(app, admin(), CreateAccount(username="aud", display_name="审", password="p" * 12))
    send(app, admin(), GrantRole(username="aud", role=Role.COUNTY_AUDITOR, unit="C1"))
    made2 = send(app, admin(), CreateAccount(username="aud2", display_name="忠", password="p" * 12))
    send(app, admin(), GrantRole(username="aud2", role=Role.COUNTY_AUDITOR, unit="C2"))
    caller, other = Caller(made.id, "test"), Caller(made2.id, "test")
    lines = queries.rectifications.lines(caller)
    assert [x.id for x in lines] == opened
    assert all(x.unit_name and x.town_name and x.owner == "本单位填报人员" for x in lines)
    assert queries.rectifications.lines(other) == []
    town = lines[2].unit
    town_code = app.units.get_by_id(app.units.get(town).parent_id).code  # type: ignore[arg-type]
    by_town = queries.rectifications.lines(caller, LedgerFilter(town=town_code))
    assert by_town and all(x.town_name == lines[2].town_name for x in by_town)
    assert [
        x.status for x in queries.rectifications.lines(caller, LedgerFilter(status="open"))
    ] == [
        "open",
        "open",
    ]
    assert not any(x.overdue for x in lines)
    app.runner.clock.current += timedelta(days=8)  # type: ignore[attr-defined]
    late = queries.rectifications.lines(caller, LedgerFilter(overdue=True))
    assert [x.id for x in late] == opened[1:]
