"""Sheets' rows, pages of the trail and tables as callers read them: inside their reach only."""

from __future__ import annotations

from datetime import date

import pytest

from application.errors import PermissionDeniedError
from application.service import Kaohe
from application.view_ports import TableAsk, TrailAsk
from domain.account import Role
from domain.ids import unit_id
from infra.projections.registry import Projections
from tests.integration.read_queries import account, read_queries
from tests.unit.projections.activity import a_quarter

DAY = date(2023, 10, 9)


def test_a_sheets_row_is_read_inside_the_callers_reach_only(
    app: Kaohe, projections: Projections
) -> None:
    quarter = a_quarter(app)
    projections.catch_up()
    sheets = read_queries(app, projections).sheets
    town = account(app, "reviewer.t1", Role.TOWN_REVIEWER, "T1")
    other = account(app, "staff.v3", Role.STATION_STAFF, "V3")
    found = sheets.row(town, quarter.finalized)
    assert found is not None and found.head.unit_id == unit_id("V1")
    with pytest.raises(PermissionDeniedError):
        sheets.row(other, quarter.finalized)


def test_the_sheets_strictly_below_a_unit_leave_out_its_own(
    app: Kaohe, projections: Projections
) -> None:
    quarter = a_quarter(app)
    projections.catch_up()
    sheets = read_queries(app, projections).sheets
    below_town = {r.assessment_id for r in sheets.under([unit_id("T1")], strictly=True)}
    assert quarter.finalized in below_town
    assert sheets.under([unit_id("V1")], strictly=True) == []
    assert [r.assessment_id for r in sheets.under([unit_id("V1")])] == [quarter.finalized]


def test_a_page_of_the_trail_stays_inside_the_reach_granted(
    app: Kaohe, projections: Projections
) -> None:
    quarter = a_quarter(app)
    projections.catch_up()
    trail = read_queries(app, projections).trail
    other = account(app, "reviewer.t2", Role.TOWN_REVIEWER, "T2")
    city = account(app, "regulator", Role.CITY_REGULATOR, "CITY")
    asked = TrailAsk(assessment_id=quarter.finalized, limit=200)
    assert trail.page(trail.reach(other), asked).rows == []
    found = trail.page(trail.reach(city), asked).rows
    assert found and {r.aggregate_id for r in found} == {quarter.finalized}
    with pytest.raises(PermissionDeniedError):
        trail.reach(other, assessment=quarter.finalized)


def test_tables_are_refused_for_units_outside_the_callers_reach(
    app: Kaohe, projections: Projections
) -> None:
    a_quarter(app)
    projections.catch_up()
    tables = read_queries(app, projections).tables
    town = account(app, "reviewer.t1", Role.TOWN_REVIEWER, "T1")
    other = account(app, "reviewer.t2", Role.TOWN_REVIEWER, "T2")
    assert tables.tables(town, TableAsk("scores", "T1", "2023Q2", None, DAY)) != []
    with pytest.raises(PermissionDeniedError):
        tables.tables(other, TableAsk("scores", "T1", "2023Q2", None, DAY))
