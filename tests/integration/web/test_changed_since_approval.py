"""A sheet approved, reopened, changed by the county and approved again: its review page
lists what differs from the first approval (old → new), and its sheet page says so."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from application.commands.assessments import Approve, Reopen, ScoreItem
from application.store import EventStore
from domain.entries import ItemEntry
from tests.integration.web.readable import visible_text
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
