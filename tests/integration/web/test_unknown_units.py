"""A unit code that names no unit is 404 and records nothing; a unit that exists but lies
outside the caller's units is still refused with 403 and recorded on the account."""

from __future__ import annotations

from typing import Any

import pytest

from tests.campaign_opening import committed
from tests.integration.web.world import World

READS = (
    "/api/v1/tables/scores?unit=NOPE",
    "/api/v1/tasks?unit=NOPE",
    "/api/v1/progress?unit=NOPE",
    "/api/v1/risk?unit=NOPE&period=2023Q2",
    "/api/v1/agreement?unit=NOPE",
    "/api/v1/assessments?unit=NOPE",
    "/api/v1/audit?unit=NOPE",
    "/api/v1/units/NOPE",
    "/api/v1/units/NOPE/contacts",
)


def answer_of(world: World, who: str, method: str, path: str, **kwargs: Any) -> Any:
    return world.client.open(path, method=method, headers=world.login(who), **kwargs)


@pytest.mark.parametrize("who", ["staff", "reviewer", "auditor", "regulator", "admin"])
def test_reading_an_unknown_unit_is_404_and_records_no_refusal(world: World, who: str) -> None:
    denials = len(world.denials(who))
    for path in READS:
        answer = answer_of(world, who, "GET", path)
        assert answer.status_code == 404, (path, answer.get_json())
        assert "NOPE" in answer.get_json()["detail"], path
    assert len(world.denials(who)) == denials


def test_writing_to_an_unknown_unit_is_404_and_stores_nothing(world: World) -> None:
    before = world.kaohe.store.history.max_position()
    opening = {"unit": "NOPE", "rubric": "fengdu-village-station", "version": 1}
    writes = [
        ("staff", "POST", "/api/v1/assessments", {"json": opening | {"period": "2023Q2"}}),
        (
            "admin",
            "POST",
            "/api/v1/units",
            {"json": {"code": "V7", "name": "新村", "level": "village", "parent": "NOPE"}},
        ),
        (
            "admin",
            "POST",
            "/api/v1/accounts/staff/grants",
            {"json": {"role": "station_staff", "unit": "NOPE"}, "headers": {"If-Match": '"2"'}},
        ),
        (
            "auditor",
            "POST",
            "/api/v1/campaigns",
            {
                "json": {
                    "county": "NOPE",
                    "period": "2023Q2",
                    "name": "抽查",
                    "mode": "simple",
                    "size": 1,
                    "commitment": committed(),
                }
            },
        ),
    ]
    for who, method, path, kwargs in writes:
        headers = world.login(who) | kwargs.pop("headers", {})
        answer = world.client.open(path, method=method, headers=headers, **kwargs)
        assert answer.status_code == 404, (path, answer.get_json())
    assert world.kaohe.store.history.max_position() == before


def test_a_unit_outside_the_callers_units_is_still_refused_and_recorded(world: World) -> None:
    denials = len(world.denials("staff"))
    answer = answer_of(world, "staff", "GET", "/api/v1/tasks?unit=V9")
    assert answer.status_code == 403
    assert len(world.denials("staff")) == denials + 1
