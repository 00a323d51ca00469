"""Tables in the shapes bureaus type them: a 评分方法 column kept as a note to settle,
columns and sheets that are not the table said and left out, assignment columns read into
the item, and a deduction item's per-occurrence lines proposed from its words."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from infra.rubric_import.proposal import Metadata, Proposal, propose_from_file
from tests.unit.infra.rubric_import.tables import sheet_of, xlsx_bytes


def propose(rows: list[list[object]], **sheets: list[list[object]]) -> Proposal:
    book = sheet_of(rows, "评分表")
    for title, other in sheets.items():
        extra = book.create_sheet(title)
        for row in other:
            extra.append(row)
    return propose_from_file(xlsx_bytes(book), "t.xlsx", Metadata("t", 1, "county", "year"))


def items(proposal: Proposal) -> list[dict[str, Any]]:
    return [n for n in proposal.definition["nodes"] if "children" not in n]


def said(proposal: Proposal) -> dict[str, str]:
    return {note.where: note.message for note in proposal.settle}


def test_a_scoring_method_column_is_kept_as_the_item_note_and_listed_to_settle() -> None:
    rows: list[list[object]] = [
        ["序号", "评分标准", "分值", "评分方法", "得分"],
        [1, "建立台账。", 2, "未建立不得分", None],
    ]
    proposal = propose(rows)
    assert items(proposal)[0]["note"] == "评分方法：未建立不得分"
    assert "the scoring method is kept as a note" in said(proposal)["Sheet1!D3"]
    assert proposal.valid


def test_a_column_outside_the_format_and_a_second_sheet_are_said_and_not_read() -> None:
    rows: list[list[object]] = [
        ["序号", "评分标准", "分值", "检查方式"],
        [1, "建立台账。", 2, "查阅资料"],
    ]
    proposal = propose(rows, 统计表=[["序号", "单位"]])
    assert "'检查方式' is not part of the rubric format" in said(proposal)["Sheet1!D2"]
    assert "not read" in said(proposal)["统计表"]
    assert "note" not in items(proposal)[0]


def test_deadline_lead_office_and_people_are_read_into_the_item() -> None:
    rows: list[list[object]] = [
        ["序号", "评分标准", "分值", "完成时限", "牵头领导", "责任股室", "责任人"],
        [1, "开展调研。", 1, datetime(2024, 12, 31), "边海军", "办公室", "李伟春\n刘 甜"],
        [2, "报送信息。", 1, "持续推进", None, None, "王帅、赵慧"],
    ]
    first, second = items(propose(rows))
    assert (first["deadline"], first["due"]) == ("2024年12月31日", "2024-12-31")
    assert (first["lead"], first["office"], first["people"]) == (
        "边海军",
        "办公室",
        ["李伟春", "刘甜"],
    )
    assert (second["deadline"], second["people"]) == ("持续推进", ["王帅", "赵慧"])
    assert "due" not in second


def test_a_deduction_item_gets_a_line_per_amount_and_names_what_it_could_not_read() -> None:
    text = "越级上访的，1人次扣1分，最多扣5分，集体上访的，1批次扣2分，最多扣5分；视情扣1-3分；另议"
    rows: list[list[object]] = [
        ["主要内容", "序号", "工作标准", "分值"],
        ["减分项", 65, text, None],
    ]
    proposal = propose(rows)
    item = proposal.definition["nodes"][0]["children"][0]
    assert item["rule"] == "deductions"
    assert [(d.get("per"), d.get("cap"), d.get("range")) for d in item["deductions"]] == [
        (1, 5, None),
        (2, 5, None),
        (None, None, [1, 3]),
    ]
    assert "not read: 另议" in said(proposal)["Sheet1!C3"]
    assert proposal.definition["base_max"] == Decimal(0)  # a deduction counts in no maximum


def test_a_heading_row_merged_across_the_table_opens_a_section_with_its_points() -> None:
    rows: list[list[object]] = [
        ["序号", "评分标准", "分值", "得分"],
        ["一、组织领导（3分）"],
        [1, "成立领导小组。", 1],
        [2, "纳入考核。", 2],
        ["二、工作保障"],
        [3, "保障经费。", "２"],
    ]
    book = sheet_of(rows, "评分表")
    for row in (3, 6):
        book.active.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)  # type: ignore[union-attr]
    proposal = propose_from_file(xlsx_bytes(book), "t.xlsx", Metadata("t"))
    sections = proposal.definition["nodes"]
    assert [(s["number"], s["title"], s["max"]) for s in sections] == [
        ("一", "组织领导", Decimal(3)),
        ("二", "工作保障", Decimal(2)),
    ]
    assert [[i["number"] for i in s["children"]] for s in sections] == [["1", "2"], ["3"]]
    assert proposal.valid


def test_a_hidden_column_is_not_read_and_is_said() -> None:
    rows: list[list[object]] = [
        ["序号", "评分标准", "分值", "评分方法"],
        [1, "台账。", 2, "旧办法"],
    ]
    book = sheet_of(rows, "评分表")
    book.active.column_dimensions["D"].hidden = True  # type: ignore[union-attr]
    proposal = propose_from_file(xlsx_bytes(book), "t.xlsx", Metadata("t"))
    assert "note" not in items(proposal)[0]
    assert "the column is hidden" in said(proposal)["Sheet1!D"]
