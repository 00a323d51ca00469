"""A weighted campaign's page lets the county's auditor weigh the frame by the towns'
agreement with the county's verification (初审质量) instead of the risk report; a choice no
form offers is refused beside the field and freezes nothing."""

from __future__ import annotations

import re
from decimal import Decimal

from domain.account import Role
from tests.campaign_opening import committed
from tests.integration.web.demo_api import DemoApi


def test_the_freezing_form_offers_the_agreement_weights(demo: DemoApi) -> None:
    found = demo.read("/api/v1/agreement?unit=DEMO-01&period=2023Q2", Role.COUNTY_AUDITOR)
    plan = {"county": "DEMO-01", "period": "2023Q2", "name": "按初审质量加权", "mode": "weighted"}
    plan |= {"commitment": committed()}
    auditor = demo.bearer(Role.COUNTY_AUDITOR)
    opened = demo.app.test_client().post(
        "/api/v1/campaigns", json=plan | {"size": 3}, headers=auditor
    )
    assert opened.status_code == 201, opened.get_json()
    cid = opened.get_json()["id"]
    client = demo.app.test_client()
    client.post("/login", data={"username": "auditor-01", "password": "demo-auditor-01-2023"})
    page = client.get(f"/campaigns/{cid}").get_data(as_text=True)
    assert 'name="weigh_by"' in page and "初审与县复核的一致性" in page
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert token
    form = {"csrf_token": token.group(1), "version": "1"}
    bad = client.post(f"/campaigns/{cid}/frame", data=form | {"weigh_by": "luck"})
    assert bad.status_code == 422 and "权重依据只能是" in bad.get_data(as_text=True)
    still = client.get(f"/api/v1/campaigns/{cid}", headers=auditor).get_json()
    assert still["stage"] == "opened" and still["frame"] == []
    frozen = client.post(f"/campaigns/{cid}/frame", data=form | {"weigh_by": "agreement"})
    assert frozen.status_code == 303
    c = demo.app.test_client().get(f"/api/v1/campaigns/{cid}", headers=auditor).get_json()
    frame = {e["assessment_id"]: Decimal(e["weight"]) for e in c["frame"]}
    assert frame == {aid: Decimal(w) for aid, w in found["weights"].items()}
    assert len(set(frame.values())) > 1  # not the flat weights of a simple frame
