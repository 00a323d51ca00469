"""A stored change says exactly what it changed: the audit trail's old value is what counted
before, with its layer (over HTTP and in the audit table's downloads), and a lower bonus claim
for a matter never replaces a higher one."""

from __future__ import annotations

from typing import Any
from uuid import UUID

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
    assert '"{""points"":""1""}",自评,"{""points"":""0.5""}",台账资料不全，核减' in csv
