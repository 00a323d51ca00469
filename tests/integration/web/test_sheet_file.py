"""A station downloads its sheet as a workbook, fills scores offline, checks the upload with
a dry run that stores nothing, then saves it as one change: the total follows. A file with
anything wrong is refused whole, naming the cell."""

from __future__ import annotations

import hashlib
from decimal import Decimal
from pathlib import Path
from uuid import UUID

import pytest

from application.commands.assessments import OpenAssessment
from application.store import EventStore
from domain.rules import Kind
from tests.integration.web.sheet_files import as_bytes, download, fill, item_row, upload
from tests.integration.web.test_page_text import signed_in
from tests.integration.web.world import RUBRIC, World, build_world
from web.app import projections_of

QUARTER = "2023Q2"


@pytest.fixture
def world(store: EventStore, tmp_path: Path) -> World:
    w = build_world(store, tmp_path / "evidence")
    projections_of(w.app).catch_up()
    return w


def opened(w: World, village: str = "V1") -> UUID:
    staff = {"V1": "staff", "V2": "staff2"}[village]
    command = OpenAssessment(unit=village, rubric=RUBRIC, version=1, period=QUARTER)
    aid = w.send(staff, command).id
    projections_of(w.app).catch_up()
    return aid


def maxima(w: World, aid: UUID) -> dict[str, Decimal]:
    a = w.kaohe.assessments.get(aid)
    rubric = w.kaohe.assessments.rubric_of(a)
    return {
        i.number: i.max_points
        for i in rubric.items()
        if i.kind is Kind.STANDARD and i.max_points is not None
    }


def test_a_station_fills_its_sheet_offline_checks_it_then_saves_it(world: World) -> None:
    aid = opened(world)
    book, version = download(world, "staff", aid)
    sheet = book.worksheets[0]
    assert sheet.cell(row=item_row(book, "1"), column=4).protection.locked is False
    assert sheet.cell(row=item_row(book, "1"), column=2).protection.locked is True
    top = maxima(world, aid)
    cells = fill(book, {"1": float(top["1"]), "2": "０", "3": str(top["3"])})
    content = as_bytes(book)

    dry = upload(world, "staff", aid, content, version, dry_run=True)

    assert dry.status_code == 200, dry.get_json()
    body = dry.get_json()
    assert body["problems"] == []
    changed = {c["item"]: (c["cell"], c["old"], c["new"]) for c in body["changes"]}
    assert changed["1"] == (cells["1"], "（空）", f"{top['1'].normalize():f} 分")
    assert changed["2"][2] == "0 分"
    assert world.version(aid) == int(version.strip('"'))  # the dry run stored nothing

    saved = upload(world, "staff", aid, content, version, name="填报/村评分表.xlsx")

    assert saved.status_code == 200, saved.get_json()
    assert Decimal(saved.get_json()["score"]["base"]) == top["1"] + top["3"]
    history = world.kaohe.history(aid)
    from_file = [c.state for c in history if c.topic.endswith("ScoredFromFile")]
    assert sorted(s["item"] for s in from_file) == ["1", "2", "3"]
    digest = hashlib.sha256(content).hexdigest()
    assert {(s["file_name"], s["sha256"]) for s in from_file} == {("村评分表.xlsx", digest)}
    assert len({s["correlation_id"] for s in from_file}) == 1  # one request, one change

    projections_of(world.app).catch_up()
    rows = world.client.get(
        "/api/v1/assessments", query_string={"unit": "V1"}, headers=world.login("staff")
    ).get_json()
    assert Decimal(rows[0]["total"]) == top["1"] + top["3"]  # the tables follow
    trail = signed_in(world, "staff").get(f"/assessments/{aid}/timeline").get_data(as_text=True)
    assert "从文件导入打分" in trail
    assert trail.count("来自表格文件「村评分表.xlsx」") == 3  # each item's old → new


def test_a_score_above_the_maximum_refuses_the_whole_file_naming_the_cell(world: World) -> None:
    aid = opened(world)
    book, version = download(world, "staff", aid)
    top = maxima(world, aid)
    cells = fill(book, {"1": float(top["1"]), "2": float(top["2"] + 1)})
    content = as_bytes(book)

    dry = upload(world, "staff", aid, content, version, dry_run=True)
    refused = upload(world, "staff", aid, content, version)

    problems = dry.get_json()["problems"]
    assert [(p["cell"], p["item"]) for p in problems] == [(cells["2"], "2")]
    assert f"满分 {top['2'].normalize():f} 分" in problems[0]["words"]
    assert refused.status_code == 422
    assert cells["2"] in refused.get_json()["detail"]
    assert world.kaohe.assessments.get(aid).layers["self"] == {}


@pytest.mark.parametrize(
    ("typed", "words"),
    [("3分", "请只填数字"), ("=1+1", "公式"), ("abc", "请只填数字"), (True, "逻辑值")],
)
def test_a_cell_that_is_not_a_plain_number_is_refused_by_name(
    world: World, typed: object, words: str
) -> None:
    aid = opened(world)
    book, version = download(world, "staff", aid)
    cells = fill(book, {"1": typed})

    dry = upload(world, "staff", aid, as_bytes(book), version, dry_run=True)

    problems = dry.get_json()["problems"]
    assert len(problems) == 1
    assert problems[0]["cell"] == cells["1"]
    assert words in problems[0]["words"]


def test_hidden_rows_and_merged_input_cells_are_refused(world: World) -> None:
    aid = opened(world)
    book, version = download(world, "staff", aid)
    sheet = book.worksheets[0]
    sheet.row_dimensions[item_row(book, "4")].hidden = True
    first, second = item_row(book, "5"), item_row(book, "6")
    sheet.merge_cells(start_row=first, start_column=4, end_row=second, end_column=4)

    dry = upload(world, "staff", aid, as_bytes(book), version, dry_run=True)

    words = " ".join(p["words"] for p in dry.get_json()["problems"])
    assert "被隐藏" in words
    assert f"D{first}:D{second} 是合并单元格" in words


def test_another_units_file_or_a_foreign_workbook_is_refused(world: World) -> None:
    mine, theirs = opened(world, "V1"), opened(world, "V2")
    book, _ = download(world, "staff2", theirs)
    fill(book, {"1": 1})
    version = f'"{world.version(mine)}"'

    wrong = upload(world, "staff", mine, as_bytes(book), version, dry_run=True)
    from openpyxl import Workbook

    foreign = upload(world, "staff", mine, as_bytes(Workbook()), version, dry_run=True)
    garbage = upload(world, "staff", mine, b"not a workbook", version, dry_run=True)

    assert "不是这一张" in wrong.get_json()["problems"][0]["words"]
    assert "不是从本系统下载" in foreign.get_json()["problems"][0]["words"]
    assert "无法作为 xlsx" in garbage.get_json()["problems"][0]["words"]


def test_a_reviewer_fills_the_review_layer_beside_the_self_scores(world: World) -> None:
    aid = world.assessment("V1", QUARTER, "submitted")
    projections_of(world.app).catch_up()
    book, version = download(world, "reviewer", aid)
    sheet = book.worksheets[0]
    header = item_row(book, "1") - 2  # the first section's heading row sits between
    labels = [sheet.cell(row=header, column=c).value for c in range(1, 6)]
    assert labels == ["序号", "评分标准", "分值", "初审得分（填写）", "自评（现有）"]
    cells = fill(book, {"1": 0})

    no_reason = upload(world, "reviewer", aid, as_bytes(book), version)
    saved = upload(world, "reviewer", aid, as_bytes(book), version, reason="现场核查材料不全")

    assert no_reason.status_code == 422
    assert saved.status_code == 200, saved.get_json()
    assert world.kaohe.assessments.get(aid).layers["review"]["1"] == {"points": "0"}
    assert cells["1"].startswith("D")
