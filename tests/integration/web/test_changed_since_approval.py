"""A sheet approved, reopened, changed by the county and approved again: its review page
lists what differs from the first approval (old → new), and its sheet page says so."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from application.commands.assessments import Approve, Reopen, ScoreItem
from application.store import EventStore
from domain.entries import ItemEntry
from tests.integration.web.readable import csv_text, visible_text, xlsx_text
from tests.integration.web.test_page_text import signed_in
from tests.integration.web.world import World, build_world
from web.app import projections_of

QUARTER = "2023Q2"


def page_text(world: World, username: str, path: str) -> str:
    answer = signed_in(world, username).get(path)
    assert answer.status_code == 200
    return visible_text(answer.get_data(as_text=True))


@pytest.fixture
def world(store: EventStore, tmp_path: Path) -> World:
    return build_world(store, tmp_path / "evidence")


def test_a_reapproved_sheet_shows_what_changed_since_its_first_approval(world: World) -> None:
    aid = world.assessment("V1", QUARTER, "approved")
    world.send("auditor", Reopen(assessment_id=aid, reason="复核发现台账缺失"))
    zero = ItemEntry(points=Decimal(0))
    world.send("reviewer", ScoreItem(assessment_id=aid, number="1", entry=zero, reason="无台账"))
    world.send("reviewer", Approve(assessment_id=aid))
    projections_of(world.app).catch_up()

    review = page_text(world, "reviewer", f"/review/{aid}")
    assert "自首次验收通过以来的变化" in review
    assert "再次验收通过" in review and "现在与首次验收通过时不同的有 1 项" in review
    assert "（无） → 0 分" in review

    sheet = visible_text(
        signed_in(world, "staff").get(f"/assessments/{aid}").get_data(as_text=True)
    )
    assert "首次验收通过后又有修改" in sheet and "不同的是第 1 项" in sheet


def test_a_sheet_not_changed_since_approval_says_nothing_of_it(world: World) -> None:
    aid = world.assessment("V1", QUARTER, "approved")
    projections_of(world.app).catch_up()
    review = page_text(world, "reviewer", f"/review/{aid}")
    assert "自首次验收通过以来的变化" not in review
    sheet = visible_text(
        signed_in(world, "staff").get(f"/assessments/{aid}").get_data(as_text=True)
    )
    assert "首次验收通过后又有修改" not in sheet


def table_file(world: World, user: str, name: str, fmt: str) -> bytes:
    answer = world.client.get(
        f"/api/v1/tables/{name}?unit=T1&period={QUARTER}&format={fmt}", headers=world.login(user)
    )
    assert answer.status_code == 200
    return answer.data


def test_a_reapproved_sheet_is_flagged_in_the_list_and_the_tables(world: World) -> None:
    changed = world.assessment("V1", QUARTER, "approved")
    untouched = world.assessment("V2", QUARTER, "approved")
    first = world.version(changed)
    world.send("auditor", Reopen(assessment_id=changed, reason="复核发现台账缺失"))
    zero = ItemEntry(points=Decimal(0))
    world.send(
        "reviewer", ScoreItem(assessment_id=changed, number="1", entry=zero, reason="无台账")
    )
    world.send("reviewer", Approve(assessment_id=changed))
    projections_of(world.app).catch_up()

    listed = world.client.get(
        f"/api/v1/assessments?period={QUARTER}", headers=world.login("reviewer")
    ).get_json()
    flags = {row["id"]: (row["approved_version"], row["changed_since_approval"]) for row in listed}
    assert flags[str(changed)] == (first, True)
    assert flags[str(untouched)] == (world.version(untouched), False)

    quarterly = world.client.get(
        f"/api/v1/tables/quarterly?unit=T1&period={QUARTER}", headers=world.login("reviewer")
    ).get_json()["tables"][0]
    remarks = [row[quarterly["columns"].index("备注")] for row in quarterly["rows"]]
    assert sorted(remarks) == ["合格", "合格（验收后有改动）"]
    for fmt, text in (("csv", csv_text), ("xlsx", xlsx_text)):
        assert text(table_file(world, "reviewer", "quarterly", fmt)).count("验收后有改动") == 1
        assert text(table_file(world, "reviewer", "scores", fmt)).count("验收后有改动") == 1

    page = page_text(world, "reviewer", f"/tables/quarterly?unit=T1&period={QUARTER}")
    assert page.count("验收后有改动") == 1
