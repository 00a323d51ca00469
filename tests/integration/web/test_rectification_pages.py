"""The rectification pages over HTTP: only the unit's own staff get the report form, and a
report posted by anyone else is refused and changes nothing; the county's re-check needs a
note and can send the item back with a new deadline; the ledger's CSV lists the item in
Chinese and its filters refuse what no form sends."""

from __future__ import annotations

import re
from datetime import timedelta
from uuid import UUID

from flask.testing import FlaskClient

from application.commands.rectifications import OpenRectification, ReportRectification
from domain.china_time import china_day
from domain.ids import unit_id
from domain.rectification import Rectification, Source
from domain.signal_register import RaisedSignal
from tests.integration.web.test_page_text import signed_in
from tests.integration.web.test_rectifications_api import found, sent_to_rectification
from tests.integration.web.world import World
from web.app import projections_of


def opened(world: World) -> tuple[UUID, str]:
    cid, aid, unit = found(world)
    due = china_day(world.clock.now()) + timedelta(days=10)
    command = OpenRectification(
        source=Source.finding(cid, aid),
        unit=unit,
        problem="补齐服务台账",
        deadline=due,
        owner_role="station_staff",
    )
    rid = world.send("auditor", command).id
    projections_of(world.app).catch_up()
    return rid, "staff" if unit == "V1" else "staff2"


def form(client: FlaskClient, rid: UUID) -> dict[str, str]:
    page = client.get(f"/rectifications/{rid}").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    version = re.search(r'name="version" value="(\d+)"', page)
    assert token and version
    return {"csrf_token": token.group(1), "version": version.group(1)}


def item(world: World, rid: UUID) -> Rectification:
    found_item = world.kaohe.runner.find(Rectification, rid)
    assert found_item is not None
    return found_item


def test_only_the_units_staff_get_and_may_send_the_report_form(world: World) -> None:
    rid, staff = opened(world)
    other = "staff2" if staff == "staff" else "staff"
    mine = signed_in(world, staff)
    assert "报送整改情况" in mine.get(f"/rectifications/{rid}").get_data(as_text=True)
    reviewer = signed_in(world, "reviewer")
    page = reviewer.get(f"/rectifications/{rid}").get_data(as_text=True)
    assert "补齐服务台账" in page and 'action="/rectifications/' not in page
    token = re.search(r'name="csrf_token" value="([^"]+)"', page) or re.search(
        r'name="csrf-token" content="([^"]+)"', page
    )
    assert token
    sent = {"csrf_token": token.group(1), "version": "1", "action": "代为报送"}
    assert reviewer.post(f"/rectifications/{rid}/report", data=sent).status_code == 403
    assert signed_in(world, other).get(f"/rectifications/{rid}").status_code == 403
    empty = mine.post(f"/rectifications/{rid}/report", data=form(mine, rid) | {"action": " "})
    assert empty.status_code == 422 and "请填写整改情况" in empty.get_data(as_text=True)
    assert item(world, rid).version == 1


def test_the_county_needs_a_note_and_may_send_it_back_with_a_new_deadline(world: World) -> None:
    rid, staff = opened(world)
    world.send(staff, ReportRectification(rectification_id=rid, action="已补齐"))
    auditor = signed_in(world, "auditor")
    data = form(auditor, rid) | {"decision": "reopen", "note": ""}
    refused = auditor.post(f"/rectifications/{rid}/check", data=data)
    assert refused.status_code == 422 and "请填写复查意见" in refused.get_data(as_text=True)
    later = china_day(world.clock.now()) + timedelta(days=20)
    data |= {"note": "缺少签字", "deadline": later.isoformat()}
    assert auditor.post(f"/rectifications/{rid}/check", data=data).status_code == 303
    assert (item(world, rid).status.value, item(world, rid).deadline) == ("open", later)


def test_the_ledger_downloads_in_chinese_and_refuses_a_bad_filter(world: World) -> None:
    opened(world)
    auditor = signed_in(world, "auditor")
    csv = auditor.get("/rectifications?format=csv&status=open")
    text = csv.get_data().decode("utf-8-sig")
    assert csv.mimetype == "text/csv" and text.startswith("单位,所属镇（街道）,期间")
    assert "补齐服务台账" in text and "待整改" in text and "2023年第二季度" in text
    assert auditor.get("/rectifications?status=lost").status_code == 422
    assert "逾期未销号" not in auditor.get("/").get_data(as_text=True)
    world.clock.advance(timedelta(days=11))
    home = signed_in(world, "auditor").get("/").get_data(as_text=True)
    assert "逾期未销号（1）" in home and "补齐服务台账" in home


def test_a_signal_sent_to_rectification_opens_an_item_from_the_risk_page(world: World) -> None:
    v1 = str(world.assessment("V1", "2023Q2", "approved"))
    town = RaisedSignal("all_maximum", "town", str(unit_id("T1")), "T1 全部满分")
    [key] = sent_to_rectification(world, town)
    projections_of(world.app).catch_up()
    county = signed_in(world, "auditor")
    risk = county.get("/risk?unit=C1&period=2023Q2").get_data(as_text=True)
    path = f"/risk/C1/2023Q2/signals/{key}/rectification"
    assert f'href="{path}"' in risk
    page = county.get(path).get_data(as_text=True)
    assert "T1 全部满分" in page and "转整改" in page
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert token
    due = (china_day(world.clock.now()) + timedelta(days=7)).isoformat()
    body = {"csrf_token": token.group(1), "unit": "T1", "owner": "town_reviewer", "deadline": due}
    missing = county.post(path, data=body | {"problem": ""})
    assert missing.status_code == 422 and "请填写需要整改的问题" in missing.get_data(as_text=True)
    wrong = county.post(path, data=body | {"problem": "复核满分依据", "unit": "V2"})
    assert wrong.status_code == 422 and "不涉及所选单位" in wrong.get_data(as_text=True)
    done = county.post(path, data=body | {"problem": "复核满分依据"})
    assert done.status_code == 303 and "/rectifications/" in done.headers["Location"]
    assert v1 not in done.headers["Location"]
    assert signed_in(world, "staff").get(path).status_code == 403
