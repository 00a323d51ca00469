"""Two units of one name under one parent could not be told apart on any table: the
administration page refuses the second beside its name, and registers nothing."""

from __future__ import annotations

import re

from flask.testing import FlaskClient

from tests.integration.web.world import PASSWORD, World


def admin_form(world: World) -> tuple[FlaskClient, str]:
    client = world.app.test_client()
    signed = client.post("/login", data={"username": "admin", "password": PASSWORD})
    assert signed.status_code == 303
    page = client.get("/admin/units").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert token
    return client, token.group(1)


def test_a_second_village_of_the_same_name_in_one_town_is_refused(world: World) -> None:
    client, token = admin_form(world)
    form = {"csrf_token": token, "code": "V3", "name": "V1 单位", "parent": "T1"}
    refused = client.post("/admin/units", data=form)
    assert refused.status_code == 422
    beside = re.search(r'id="reg-name-error"[^>]*>([^<]+)<', refused.get_data(as_text=True))
    assert beside and "不能同名" in beside.group(1)
    assert client.get("/admin/units/V3").status_code == 404


def test_the_same_name_under_another_town_is_registered(world: World) -> None:
    client, token = admin_form(world)
    form = {"csrf_token": token, "code": "V3", "name": "V1 单位", "parent": "T1B"}
    assert client.post("/admin/units", data=form).status_code == 303


def test_the_api_refuses_a_second_unit_of_one_name_under_one_parent(world: World) -> None:
    admin = world.login("admin")
    body = {"code": "V3", "name": "V1 单位", "level": "village", "parent": "T1"}
    refused = world.client.post("/api/v1/units", json=body, headers=admin)
    assert refused.status_code == 422, refused.get_json()
    problem = refused.get_json()
    assert "V1" in problem["detail"]
    (error,) = problem["errors"]
    assert error["field"] == "name" and "V1 单位" in error["message_zh"]
    assert world.client.get("/api/v1/units/V3", headers=admin).status_code == 404


def test_the_api_refuses_renaming_a_unit_to_its_siblings_name(world: World) -> None:
    admin = world.login("admin")
    version = world.client.get("/api/v1/units/V2", headers=admin).headers["ETag"]
    refused = world.client.put(
        "/api/v1/units/V2/name",
        json={"name": "V1 单位"},
        headers=admin | {"If-Match": version},
    )
    assert refused.status_code == 422, refused.get_json()
    assert "V1" in refused.get_json()["detail"]
    assert world.client.get("/api/v1/units/V2", headers=admin).get_json()["name"] != "V1 单位"


def test_the_api_refuses_moving_a_unit_beside_a_namesake(world: World) -> None:
    admin = world.login("admin")
    body = {"code": "V3", "name": "V1 单位", "level": "village", "parent": "T1B"}
    assert world.client.post("/api/v1/units", json=body, headers=admin).status_code == 201
    version = world.client.get("/api/v1/units/V3", headers=admin).headers["ETag"]
    move = {"parent": "T1", "effective_from": "2024-01-01", "reason": "区划调整"}
    refused = world.client.post(
        "/api/v1/units/V3/move", json=move, headers=admin | {"If-Match": version}
    )
    assert refused.status_code == 422, refused.get_json()
    assert refused.get_json()["errors"][0]["field"] == "parent"


def test_renaming_on_the_page_to_a_siblings_name_is_refused_beside_the_name(world: World) -> None:
    client, token = admin_form(world)
    page = client.get("/admin/units/V2").get_data(as_text=True)
    version = re.search(r'name="version" value="(\d+)"', page)
    form = {"csrf_token": token, "name": "V1 单位", "version": version.group(1) if version else ""}
    refused = client.post("/admin/units/V2/name", data=form)
    assert refused.status_code == 422
    beside = re.search(r'id="rename-name-error"[^>]*>([^<]+)<', refused.get_data(as_text=True))
    assert beside and "不能同名" in beside.group(1)
