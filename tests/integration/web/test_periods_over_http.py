"""Periods over HTTP: a period that is not a real quarter or year (or not of the rubric's
kind) is refused with 422 naming the field, the rule and the years allowed, in English and
Chinese, and nothing is stored."""

from __future__ import annotations

from typing import Any

import pytest

from infra.projections.tables import TABLES
from tests.campaign_opening import committed
from tests.integration.web.world import World

NOT_PERIODS = ("0000", "2023Q0", "2023Q5", "9999Q4", "year", "1999")
READS = (*(f"/api/v1/tables/{name}" for name in TABLES), "/api/v1/tasks", "/api/v1/progress")


def assert_period_refused(answer: Any, location: str, period: str) -> None:
    body = answer.get_json()
    assert answer.status_code == 422, body
    assert answer.content_type == "application/problem+json"
    [error] = body["errors"]
    assert (error["location"], error["field"]) == (location, "period")
    assert repr(period) in error["message"] and "2000–2099" in error["message"]
    assert "不是有效的期间" in error["message_zh"] and "2000–2099" in error["message_zh"]


@pytest.mark.parametrize("period", NOT_PERIODS)
def test_every_table_refuses_a_period_that_is_not_real(world: World, period: str) -> None:
    headers = world.login("regulator")
    for path in READS:
        answer = world.client.get(path, query_string={"period": period}, headers=headers)
        assert_period_refused(answer, "query", period)
    risk = {"unit": "C1", "period": period}
    answer = world.client.get("/api/v1/risk", query_string=risk, headers=headers)
    assert_period_refused(answer, "query", period)


def test_a_real_period_reads_its_table(world: World) -> None:
    world.assessment("V1", "2023Q2", "approved")
    headers = world.login("regulator")
    answer = world.client.get("/api/v1/tables/scores?period=2023Q2", headers=headers)
    assert answer.status_code == 200 and answer.get_json()["tables"]


@pytest.mark.parametrize("period", ["2023Q5", "2100", "2023 "])
def test_opening_a_sheet_or_a_campaign_for_no_real_period_stores_nothing(
    world: World, period: str
) -> None:
    before = world.kaohe.store.history.max_position()
    sheet = {"unit": "V1", "rubric": "fengdu-village-station", "version": 1, "period": period}
    answer = world.client.post("/api/v1/assessments", json=sheet, headers=world.login("staff"))
    assert_period_refused(answer, "json", period)
    campaign = {"county": "C1", "period": period, "name": "抽查", "mode": "simple", "size": 1}
    campaign["commitment"] = committed()
    answer = world.client.post("/api/v1/campaigns", json=campaign, headers=world.login("auditor"))
    assert_period_refused(answer, "json", period)
    assert world.kaohe.store.history.max_position() == before


def test_a_year_for_a_quarterly_rubric_is_refused_saying_which_kind(world: World) -> None:
    before = world.kaohe.store.history.max_position()
    sheet = {"unit": "V1", "rubric": "fengdu-village-station", "version": 1, "period": "2023"}
    answer = world.client.post("/api/v1/assessments", json=sheet, headers=world.login("staff"))
    assert answer.status_code == 422
    assert "does not fit a quarter rubric" in answer.get_json()["detail"]
    [error] = answer.get_json()["errors"]
    assert (error["location"], error["field"]) == ("json", "period")
    assert "按季度" in error["message_zh"] and "2023Q2" in error["message_zh"]
    assert world.kaohe.store.history.max_position() == before
