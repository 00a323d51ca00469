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
