"""A stored change says exactly what it changed: the audit trail's old value is what counted
before, with its layer (over HTTP and in the audit table's downloads), and a lower bonus claim
for a matter never replaces a higher one."""

from __future__ import annotations

from io import BytesIO
from typing import Any
from uuid import UUID

from openpyxl import load_workbook

from tests.integration.web.world import World
from web.app import projections_of

API = "/api/v1/assessments"


def write(world: World, user: str, method: str, path: str, body: dict[str, Any]) -> Any:
    aid = UUID(path.split("/")[4])
    headers = world.login(user) | {"If-Match": f'"{world.version(aid)}"'}
    return world.client.open(path, method=method, json=body, headers=headers)


def test_a_reviewers_first_override_shows_old_and_new_in_the_audit_trail(world: World) -> None:
    aid = world.assessment("V1", "2023Q2", "submitted")
    body = {"points": "0.5", "reason": "台账资料不全，核减"}
    assert write(world, "reviewer", "PUT", f"{API}/{aid}/items/1", body).status_code == 200
    projections_of(world.app).catch_up()
    trail = world.client.get(
        f"/api/v1/audit?assessment={aid}&item=1", headers=world.login("regulator")
    ).get_json()
    override, scored = trail["rows"][:2]
    assert (override["layer"], override["old_layer"]) == ("review", "self")
    assert (override["old"], override["new"]) == ('{"points":"1"}', '{"points":"0.5"}')
    assert (scored["layer"], scored["old_layer"], scored["old"]) == ("self", None, None)
    csv = world.client.get(
        "/api/v1/tables/audit",
        headers=world.login("regulator"),
        query_string={"unit": "CITY", "format": "csv"},
    ).get_data(as_text=True)
    assert "原值,原值层级,新值" in csv
    assert "1 分,自评,0.5 分,台账资料不全，核减" in csv
    xlsx = world.client.get(
        "/api/v1/tables/audit",
        headers=world.login("regulator"),
        query_string={"unit": "CITY", "format": "xlsx"},
    )
    rows = list(load_workbook(BytesIO(xlsx.data)).active.iter_rows(values_only=True))
    header = next(r for r in rows if "原值层级" in r)
    cells = [dict(zip(header, r, strict=True)) for r in rows[rows.index(header) + 1 :]]
    override_cells = next(c for c in cells if c["理由"] == "台账资料不全，核减")
    assert (override_cells["原值"], override_cells["原值层级"]) == ("1 分", "自评")


def item_points(sheet: dict[str, Any], number: str) -> str:
    found: str = next(i for i in sheet["score"]["items"] if i["number"] == number)["points"]
    return found


def test_a_lower_bonus_claim_leaves_the_higher_one_counting(world: World) -> None:
    aid = world.assessment("V1", "2023Q2")
    claim = {"item": "58", "matter": "老兵之家"}
    central = write(world, "staff", "POST", f"{API}/{aid}/bonus", claim | {"tier": "central"})
    assert item_points(central.get_json(), "58") == "4"
    lower = write(world, "staff", "POST", f"{API}/{aid}/bonus", claim | {"tier": "ministerial"})
    sheet = lower.get_json()
    assert lower.status_code == 200 and item_points(sheet, "58") == "4"
    assert sheet["layers"]["self"]["58"] == {
        "claims": [["老兵之家", "central"], ["老兵之家", "ministerial"]]
    }


def test_withdrawing_a_claim_needs_a_reason_and_names_matter_and_tier(world: World) -> None:
    aid = world.assessment("V1", "2023Q2")
    claim = {"item": "58", "matter": "老兵之家"}
    for tier in ("central", "ministerial"):
        write(world, "staff", "POST", f"{API}/{aid}/bonus", claim | {"tier": tier})
    version = world.version(aid)
    path = f"{API}/{aid}/bonus/withdraw"
    unnamed = write(world, "staff", "POST", path, claim | {"reason": "申报有误"})
    assert unnamed.status_code == 422
    assert [e["field"] for e in unnamed.get_json()["errors"]] == ["tier"]
    unreasoned = write(world, "staff", "POST", path, claim | {"tier": "central", "reason": " "})
    assert unreasoned.status_code == 422
    assert "a reason is required to withdraw a bonus claim" in str(unreasoned.get_json())
    assert world.version(aid) == version  # nothing stored
    body = claim | {"tier": "central", "reason": "中央领导未到站视察，撤回"}
    withdrawn = write(world, "staff", "POST", path, body)
    assert withdrawn.status_code == 200 and item_points(withdrawn.get_json(), "58") == "3"
    assert withdrawn.get_json()["layers"]["self"]["58"] == {"claims": [["老兵之家", "ministerial"]]}
