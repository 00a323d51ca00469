"""The signal register over HTTP: freezing a campaign's frame records the county's risk
signals of the period (and says so when that is refused, the frame staying frozen); a county
auditor records the signals a report raises and gives each a disposition with a reason, based
on the register's version; refusals say what was wrong and change nothing."""

from __future__ import annotations

from typing import Any

import pytest

from domain.errors import FieldError
from tests.integration.web.test_campaigns_api import OPEN, PERIOD, approved
from tests.integration.web.world import World
from web.app import projections_of
from web.resources.campaigns import frame_signals

REGISTER = f"/api/v1/risk/signals?unit=C1&period={PERIOD}"
WHERE = {"unit": "C1", "period": PERIOD}


def opened(world: World) -> str:
    approved(world)  # two sheets at full marks: each raises 全部满分
    made = world.client.post("/api/v1/campaigns", json=OPEN, headers=world.login("auditor"))
    assert made.status_code == 201, made.get_json()
    cid: str = made.get_json()["id"]
    return cid


def freeze(world: World, cid: str) -> Any:
    headers = world.login("auditor") | {"If-Match": '"1"'}
    return world.client.post(f"/api/v1/campaigns/{cid}/frame", headers=headers)


def dispose(world: World, key: str, version: int | None, body: dict[str, Any]) -> Any:
    headers = world.login("auditor") | ({} if version is None else {"If-Match": f'"{version}"'})
    path = f"/api/v1/risk/signals/{key}/disposition"
    return world.client.post(path, json=WHERE | body, headers=headers)


def test_freezing_the_frame_records_the_periods_signals(world: World) -> None:
    cid = opened(world)
    assert world.client.get(REGISTER, headers=world.login("auditor")).status_code == 404
    frozen = freeze(world, cid)
    assert frozen.status_code == 200, frozen.get_json()
    on_record = frozen.get_json()["signals"]
    assert on_record["recorded"] is True and on_record["error"] is None
    report = world.client.get(
        f"/api/v1/risk?unit=C1&period={PERIOD}", headers=world.login("auditor")
    )
    raised = report.get_json()["signals"]
    assert on_record["raised"] == len(raised) and "all_maximum" in {s["kind"] for s in raised}
    register = world.client.get(REGISTER, headers=world.login("auditor"))
    assert register.status_code == 200
    assert register.headers["ETag"] == f'"{on_record["register_version"]}"'
    signals = register.get_json()["signals"]
    assert sorted((s["kind"], s["explanation"]) for s in signals) == sorted(
        (s["kind"], s["explanation"]) for s in raised
    )
    assert "全部满分" in {s["kind_words"] for s in signals}


def test_a_refused_recording_leaves_the_frame_frozen_and_says_why(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    cid = opened(world)

    def refused(*_: Any) -> Any:
        raise FieldError("signals", "the report could not be recorded", "风险报告无法登记。")

    monkeypatch.setattr(frame_signals, "record_report", refused)
    frozen = freeze(world, cid)
    assert frozen.status_code == 200 and frozen.get_json()["stage"] == "frozen"
    on_record = frozen.get_json()["signals"]
    assert on_record["recorded"] is False
    assert on_record["error"] == "the report could not be recorded"
    assert world.client.get(REGISTER, headers=world.login("auditor")).status_code == 404


def test_the_county_records_and_disposes_of_signals(world: World) -> None:
    approved(world)
    record = {"headers": world.login("auditor"), "json": WHERE}
    refused = world.client.post("/api/v1/risk/signals", json=WHERE, headers=world.login("staff"))
    assert refused.status_code == 403
    first = world.client.post("/api/v1/risk/signals", **record)
    assert first.status_code == 200, first.get_json()
    again = world.client.post("/api/v1/risk/signals", **record)
    assert again.get_json() == first.get_json() and again.headers["ETag"] == first.headers["ETag"]
    version = first.get_json()["version"]
    key = first.get_json()["signals"][0]["key"]
    assert dispose(world, key, None, {"disposition": "dismissed", "reason": "x"}).status_code == 428
    unknown = dispose(world, key, version, {"disposition": "closed", "reason": "已核实"})
    assert unknown.status_code == 422 and "排除" in str(unknown.get_json())
    blank = dispose(world, key, version, {"disposition": "confirmed", "reason": ""})
    assert blank.status_code == 422 and "reason" in str(blank.get_json())
    missing = dispose(world, "0" * 32, version, {"disposition": "confirmed", "reason": "已核实"})
    assert missing.status_code == 422 and "no signal" in missing.get_json()["detail"]
    stale = dispose(world, key, version - 1, {"disposition": "confirmed", "reason": "已核实"})
    assert stale.status_code == 412
    done = dispose(world, key, version, {"disposition": "confirmed", "reason": "台账与实际不符"})
    assert done.status_code == 200, done.get_json()
    assert done.headers["ETag"] == f'"{version + 1}"'
    [shown] = [s for s in done.get_json()["signals"] if s["key"] == key]
    assert shown["disposition_words"] == "核实属实" and shown["reason"] == "台账与实际不符"
    projections_of(world.app).catch_up()
    read = world.client.get(REGISTER, headers=world.login("auditor")).get_json()
    assert read["signals"] == done.get_json()["signals"]
