"""The compliance page draws one bar per unit below the one asked for, against the target,
with the total last, each said in words for a screen reader and in a data table."""

from __future__ import annotations

import re

from flask.testing import FlaskClient

from tests.integration.web.world import PASSWORD, World
from web.app import projections_of


def signed_in(world: World, username: str) -> FlaskClient:
    client = world.app.test_client()
    signed = client.post("/login", data={"username": username, "password": PASSWORD})
    assert signed.status_code == 303
    return client


def test_the_county_page_draws_a_bar_per_town_against_the_target(world: World) -> None:
    world.assessment("V1", "2023Q2", "approved")
    world.assessment("V2", "2023Q2")  # a draft: a station of the town, not yet accepted
    projections_of(world.app).catch_up()  # what the projection workers do in production
    client = signed_in(world, "auditor")
    page = client.get("/tables/compliance?unit=C1&period=2023Q2").get_data(as_text=True)
    figure = re.search(
        r'<figure class="chart" aria-labelledby="units-1-caption">.*?</figure>', page, re.S
    )
    assert figure, "no per-unit chart"
    svg = figure.group()
    assert 'role="img"' in svg
    title = re.search(r"<title[^>]*>([^<]+)</title>", svg)
    assert title and title.group(1) == "C1 单位2023年第二季度各单位达标率与目标"
    names = re.findall(r'class="name[^"]*">([^<]+)<', svg)
    assert names == ["T1 单位", "合计"]
    desc = re.search(r"<desc[^>]*>([^<]+)</desc>", svg)
    assert desc
    assert "T1 单位：达标率 50.0%（已验收 1 / 2 个服务站）" in desc.group(1)
    assert "目标 50.0%" in desc.group(1)
    assert "各单位图表数据" in svg
