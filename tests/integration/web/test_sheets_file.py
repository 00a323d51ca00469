"""A town reviews its villages' sheets of a quarter in one workbook, one worksheet each: a
dry run lists each sheet's changes, a problem in any worksheet refuses the whole workbook,
and a clean upload saves each sheet as its own change."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from application.store import EventStore
from domain.ids import assessment_id, rubric_version_id, unit_id
from domain.workflow import Layer
from tests.integration.web.sheet_files import as_bytes, fill
from tests.integration.web.world import RUBRIC, World, build_world
from web.app import projections_of

QUARTER = "2023Q2"
BULK = "/api/v1/assessments/sheets.xlsx"


@pytest.fixture
def world(store: EventStore, tmp_path: Path) -> World:
    w = build_world(store, tmp_path / "evidence")
    w.assessment("V1", QUARTER, "submitted")
    w.assessment("V2", QUARTER, "submitted")
    projections_of(w.app).catch_up()
    return w


def post(w: World, content: bytes, dry_run: bool, reason: str = "入户核查") -> tuple[int, dict]:
    answer = w.client.post(
        BULK,
        query_string={"dry_run": "true"} if dry_run else {},
        data={"file": (io.BytesIO(content), "镇验收.xlsx"), "reason": reason},
        headers=w.login("reviewer"),
        content_type="multipart/form-data",
    )
    return answer.status_code, answer.get_json()


def town_book(w: World):  # type: ignore[no-untyped-def]
    got = w.client.get(
        BULK, query_string={"unit": "T1", "period": QUARTER}, headers=w.login("reviewer")
    )
    assert got.status_code == 200, got.get_data(as_text=True)[:300]
    return load_workbook(io.BytesIO(got.data))


def review_points(w: World, village: str) -> dict[str, object]:
    aid = assessment_id(unit_id(village), rubric_version_id(RUBRIC, 1), QUARTER)
    return dict(w.kaohe.assessments.get(aid).layers[Layer.REVIEW.value])


def test_one_workbook_holds_each_village_and_saves_each_as_its_own_change(world: World) -> None:
    book = town_book(world)
    assert [s.title for s in book.worksheets if s.sheet_state == "visible"] == [
        "1 V1 单位",
        "2 V2 单位",
    ]
    fill(book, {"1": 0.5}, worksheet=0)
    fill(book, {"2": 1}, worksheet=1)
    content = as_bytes(book)

    status, dry = post(world, content, dry_run=True)

    assert status == 200
    assert [[c["item"] for c in s["changes"]] for s in dry["sheets"]] == [["1"], ["2"]]
    assert [s["unit"] for s in dry["sheets"]] == ["V1 单位", "V2 单位"]
    assert review_points(world, "V1") == {} and review_points(world, "V2") == {}

    status, saved = post(world, content, dry_run=False)

    assert status == 200, saved
    assert len(saved["saved"]) == 2
    assert review_points(world, "V1") == {"1": {"points": "0.5"}}
    assert review_points(world, "V2") == {"2": {"points": "1"}}


def test_a_problem_in_one_worksheet_refuses_the_whole_workbook(world: World) -> None:
    book = town_book(world)
    fill(book, {"1": 0.5}, worksheet=0)
    cells = fill(book, {"2": "两分"}, worksheet=1)

    status, refused = post(world, as_bytes(book), dry_run=False)

    assert status == 422
    assert [(p["worksheet"], p["cell"]) for p in refused["problems"]] == [("2 V2 单位", cells["2"])]
    assert review_points(world, "V1") == {}
