"""Rectification over HTTP: the county's auditor opens an item for a closed campaign's error,
the station's staff report with a file, the auditor reopens and then closes it; each step
needs the version read, refusals are clear and change nothing, and the ledger lists,
filters, and marks overdue once the deadline (a China day) has passed."""

from __future__ import annotations

import base64
from datetime import timedelta
from typing import Any
from uuid import UUID

from application.commands.campaigns import CloseCampaign
from application.commands.signals import DisposeSignal, RecordSignals
from domain.china_time import china_day
from domain.ids import unit_id
from domain.signal_register import RaisedSignal, register_id
from tests.integration.web.world import World
from tests.unit.application.sending import record_finding
from web.app import projections_of

PERIOD = "2023Q2"


def found(world: World) -> tuple[UUID, UUID, str]:
    """A closed campaign of C1 with an error found on its one sampled sheet."""
    cid = world.campaign("C1", PERIOD, "drawn")
    [selected] = world.kaohe.campaigns.get(cid).sample
    aid = selected.assessment_id
    record_finding(world.kaohe, world.actor("auditor"), aid, "error", [], [], "台账缺失")
    world.step(world.actor("auditor"), CloseCampaign(campaign_id=cid))
    unit = world.kaohe.units.get_by_id(world.kaohe.assessments.get(aid).unit_id).code
    return cid, aid, unit


def body(world: World, cid: UUID, aid: UUID, unit: str, days: int = 10) -> dict[str, Any]:
    due = china_day(world.clock.now()) + timedelta(days=days)
    return {
        "campaign_id": str(cid),
        "assessment_id": str(aid),
        "unit": unit,
        "problem": "补齐服务台账",
        "deadline": due.isoformat(),
        "owner_role": "station_staff",
    }


def post(world: World, path: str, who: str, version: int, data: Any) -> Any:
    headers = world.login(who) | {"If-Match": f'"{version}"'}
    return world.client.post(f"/api/v1/rectifications{path}", json=data, headers=headers)


def test_a_finding_becomes_an_item_the_unit_answers_and_the_county_closes(world: World) -> None:
    cid, aid, unit = found(world)
    staff = "staff" if unit == "V1" else "staff2"
    data = body(world, cid, aid, unit)
    refused = world.client.post("/api/v1/rectifications", json=data, headers=world.login(staff))
    assert refused.status_code == 403
    opened = world.client.post("/api/v1/rectifications", json=data, headers=world.login("auditor"))
    assert opened.status_code == 201 and opened.headers["ETag"] == '"1"'
    rid = opened.get_json()["id"]
    assert opened.get_json()["status"] == "open" and opened.get_json()["period"] == PERIOD
    photo = {"name": "台账.jpg", "content": base64.b64encode(b"photo").decode()}
    report = {"action": "已补齐台账", "files": [photo]}
    assert post(world, f"/{rid}/report", "auditor", 1, report).status_code == 403
    reported = post(world, f"/{rid}/report", staff, 1, report)
    assert reported.status_code == 200 and reported.get_json()["status"] == "reported"
    assert reported.get_json()["evidence"][0]["name"] == "台账.jpg"
    reopened = post(world, f"/{rid}/reopen", "auditor", 2, {"reason": "缺少签字"})
    assert reopened.get_json()["status"] == "open"
    post(world, f"/{rid}/report", staff, 3, {"action": "已补签字"})
    assert post(world, f"/{rid}/close", staff, 4, {"note": "自行销号"}).status_code == 403
    closed = post(world, f"/{rid}/close", "auditor", 4, {"note": "复查合格"})
    assert closed.status_code == 200 and closed.get_json()["status"] == "closed"
    kinds = [s["kind"] for s in closed.get_json()["history"]]
    assert kinds == ["Opened", "Reported", "Reopened", "Reported", "Closed"]
    again = post(world, f"/{rid}/reopen", "auditor", 5, {"reason": "再查"})
    assert again.status_code == 409 and "closed" in again.get_json()["detail"]
    projections_of(world.app).catch_up()
    trail = world.client.get(f"/api/v1/audit?assessment={aid}", headers=world.login("auditor"))
    steps = [
        (r["event"], r["actor_role"])
        for r in trail.get_json()["rows"]
        if r["kind"] == "rectification"
    ]
    assert steps[::-1] == [
        ("Rectification.Opened", "county_auditor"),
        ("Rectification.Reported", "station_staff"),
        ("Rectification.Reopened", "county_auditor"),
        ("Rectification.Reported", "station_staff"),
        ("Rectification.Closed", "county_auditor"),
    ]


def test_bad_input_is_refused_and_opens_nothing(world: World) -> None:
    cid, aid, unit = found(world)
    past = body(world, cid, aid, unit, days=-1)
    refused = world.client.post("/api/v1/rectifications", json=past, headers=world.login("auditor"))
    assert refused.status_code == 422 and "整改时限" in str(refused.get_json())
    both = body(world, cid, aid, unit) | {"signal_id": "s-1"}
    refused = world.client.post("/api/v1/rectifications", json=both, headers=world.login("auditor"))
    assert refused.status_code == 422
    projections_of(world.app).catch_up()
    listed = world.client.get("/api/v1/rectifications", headers=world.login("auditor"))
    assert listed.get_json() == []


def test_the_ledger_filters_and_shows_an_item_overdue_after_its_day(world: World) -> None:
    cid, aid, unit = found(world)
    created = world.client.post(
        "/api/v1/rectifications", json=body(world, cid, aid, unit), headers=world.login("auditor")
    )
    assert created.status_code == 201
    projections_of(world.app).catch_up()

    def ledger(query: str, who: str = "auditor") -> list[dict[str, Any]]:
        answer = world.client.get(f"/api/v1/rectifications{query}", headers=world.login(who))
        assert answer.status_code == 200, answer.get_json()
        found: list[dict[str, Any]] = answer.get_json()
        return found

    [line] = ledger(f"?town=T1&period={PERIOD}&status=open")
    assert line["unit"] == unit and line["owner"] == "本单位填报人员" and not line["overdue"]
    assert ledger("?town=T1B") == [] and ledger("?status=closed") == []
    assert ledger("", "auditor9") == []
    world.clock.advance(timedelta(days=12))
    world.tokens.clear()  # the tokens expired meanwhile
    assert [x["overdue"] for x in ledger("?overdue=true")] == [True]


def sent_to_rectification(world: World, *signals: RaisedSignal) -> list[str]:
    """Signals of C1's period recorded in its register, the first sent to rectification."""
    world.send("auditor", RecordSignals(county="C1", period=PERIOD, position=1, signals=signals))
    register = register_id(unit_id("C1"), PERIOD)
    keys = [s.key for s in signals]
    sent = DisposeSignal(
        register_id=register, key=keys[0], disposition="rectify", reason="满分无据"
    )
    world.send("auditor", sent)
    return keys


def test_a_signal_sent_to_rectification_opens_an_item_owned_by_one_account_of_the_unit(
    world: World,
) -> None:
    v1 = str(unit_id("V1"))
    sent, kept = sent_to_rectification(
        world,
        RaisedSignal("all_maximum", "station", v1, "V1 全部满分"),
        RaisedSignal("all_maximum", "station", str(unit_id("V2")), "V2 全部满分"),
    )
    staff = world.kaohe.accounts.get("staff")
    due = china_day(world.clock.now()) + timedelta(days=5)
    data = {
        "signal_id": sent,
        "period": PERIOD,
        "unit": "V1",
        "problem": "核实满分依据",
        "deadline": due.isoformat(),
        "owner_account": str(staff.id),
    }
    for wrong, why in (
        ({"signal_id": kept}, "未被处理为“转整改”"),  # recorded, not sent to rectification
        ({"signal_id": "0" * 32}, "未被处理为“转整改”"),  # never recorded
        ({"period": "2023Q3"}, "未被处理为“转整改”"),  # another period's register
    ):
        refused = world.client.post(
            "/api/v1/rectifications", json=data | wrong, headers=world.login("auditor")
        )
        assert refused.status_code == 422 and why in str(refused.get_json()), refused.get_json()
    opened = world.client.post("/api/v1/rectifications", json=data, headers=world.login("auditor"))
    assert opened.status_code == 201, opened.get_json()
    assert opened.get_json()["source"]["signal_id"] == data["signal_id"]
    assert opened.get_json()["owner_account"] == str(staff.id)
    projections_of(world.app).catch_up()
    [line] = world.client.get("/api/v1/rectifications", headers=world.login("staff")).get_json()
    assert line["source_kind"] == "signal" and line["owner"] == staff.display_name


def test_a_signal_opens_an_item_only_on_a_unit_it_concerns(world: World) -> None:
    [sent] = sent_to_rectification(
        world, RaisedSignal("all_maximum", "station", str(unit_id("V1")), "V1 全部满分")
    )
    due = china_day(world.clock.now()) + timedelta(days=5)
    data = {
        "signal_id": sent,
        "period": PERIOD,
        "unit": "V2",
        "problem": "核实满分依据",
        "deadline": due.isoformat(),
        "owner_role": "station_staff",
    }
    refused = world.client.post("/api/v1/rectifications", json=data, headers=world.login("auditor"))
    assert refused.status_code == 422 and "不涉及所选单位" in str(refused.get_json())
