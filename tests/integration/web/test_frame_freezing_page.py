"""Freezing a campaign's frame on its page: the county's risk signals of the period are on
record right after, shown on the risk page as recorded and awaiting a disposition; when that
recording is refused, the campaign page says so beside the frozen frame."""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask.testing import FlaskClient

from domain.errors import FieldError
from tests.integration.web.test_campaigns_api import OPEN, PERIOD, approved
from tests.integration.web.test_page_text import signed_in
from tests.integration.web.world import World
from web.resources.campaigns import frame_signals


def campaign_form(world: World) -> tuple[FlaskClient, str, dict[str, str]]:
    """A campaign of C1 opened over the API, and its page's freezing form as read."""
    approved(world)
    made = world.client.post("/api/v1/campaigns", json=OPEN, headers=world.login("auditor"))
    cid = made.get_json()["id"]
    client = signed_in(world, "auditor")
    page = client.get(f"/campaigns/{cid}").get_data(as_text=True)
    assert "锁定抽样名单" in page and 'name="weigh_by"' not in page  # simple: no weighing
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert token
    return client, cid, {"csrf_token": token.group(1), "version": "1"}


def test_freezing_on_the_page_puts_the_periods_signals_on_record(world: World) -> None:
    client, cid, form = campaign_form(world)
    frozen = client.post(f"/campaigns/{cid}/frame", data=form)
    assert frozen.status_code == 303
    assert "名单已锁定" in client.get(f"/campaigns/{cid}").get_data(as_text=True)
    risk = client.get(f"/risk?unit=C1&period={PERIOD}").get_data(as_text=True)
    raised = world.client.get(
        f"/api/v1/risk?unit=C1&period={PERIOD}", headers=world.login("auditor")
    )
    count = len(raised.get_json()["signals"])
    assert count and f"已登记 {count} 条" in risk
    assert risk.count("待处理") == count and "未登记" not in risk


def test_a_refused_recording_is_said_on_the_campaign_page(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    client, cid, form = campaign_form(world)

    def refused(*_: Any) -> Any:
        raise FieldError("signals", "the report could not be recorded", "风险报告无法登记。")

    monkeypatch.setattr(frame_signals, "record_report", refused)
    answer = client.post(f"/campaigns/{cid}/frame", data=form)
    page = answer.get_data(as_text=True)
    assert answer.status_code == 200 and "名单已锁定" in page
    assert "本期风险信号未能登记" in page and "风险报告无法登记。" in page
    risk = client.get(f"/risk?unit=C1&period={PERIOD}").get_data(as_text=True)
    assert "已登记" not in risk
