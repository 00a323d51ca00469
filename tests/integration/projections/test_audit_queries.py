"""The audit trail's reach: a town sees its subtree, the top of the hierarchy sees it all."""

from __future__ import annotations

import pytest

from application.errors import PermissionDeniedError
from application.service import Kaohe
from domain.account import Role
from domain.ids import unit_id
from infra.projections.registry import Projections
from tests.integration.read_queries import account, read_queries
from tests.unit.projections.activity import a_quarter


def test_a_town_reads_its_subtree_and_the_city_reads_the_whole_trail(
    app: Kaohe, projections: Projections
) -> None:
    sheet = a_quarter(app).finalized
    audit = read_queries(app, projections).audit
    town = account(app, "reviewer.t1", Role.TOWN_REVIEWER, "T1")
    city = account(app, "regulator", Role.CITY_REGULATOR, "CITY")
    assert audit.scope(town) == unit_id("T1")
    assert audit.scope(town, unit="V1") == unit_id("V1")
    assert audit.scope(town, assessment=sheet) is None
    assert audit.scope(city) is None


def test_a_station_reads_no_trail_outside_its_reach(app: Kaohe, projections: Projections) -> None:
    sheet = a_quarter(app).finalized
    audit = read_queries(app, projections).audit
    other = account(app, "staff.v2", Role.STATION_STAFF, "V2")
    with pytest.raises(PermissionDeniedError):
        audit.scope(other, unit="V1")
    with pytest.raises(PermissionDeniedError):
        audit.scope(other, assessment=sheet)
