"""One row of the table as an item: its printed number, standard and points, and the rule
its words suggest (tiers, deductions, veto conditions), each suggestion noted to settle."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from infra.rubric_import.cells import FULL_WIDTH, Cell, points_of
from infra.rubric_import.columns import Header, Role
from infra.rubric_import.problems import Note
from infra.rubric_import.text_rules import (
    bonus_tiers,
    deduction_lines,
    part_points,
    veto_conditions,
)

Item = dict[str, Any]
NAME_SPLIT = re.compile(r"[、，,；;\n]+")
ASSIGNMENT = ((Role.DEADLINE, "deadline"), (Role.LEAD, "lead"), (Role.OFFICE, "office"))
RATE_TARGET = re.compile(r"(?:不低于|不少于|达到|≥)\s*(\d+(?:\.\d+)?)\s*[%％]")


def item_from_row(
    header: Header, cells: list[Cell], kind: str | None, refused: list[Note], settle: list[Note]
) -> Item | None:
    standard = header.cell(cells, Role.STANDARD)
    assert standard is not None
    item: Item = {"number": item_number(header, cells), "standard": standard.text}
    item["_cell"] = standard.ref
    points = header.cell(cells, Role.POINTS)
    if points is not None and points.text and not points.formula:
        found = points_of(points, header.names[Role.POINTS])
        if isinstance(found, Note):
            refused.append(found)
            return None
        item["max"] = found
    elif parts := part_points(standard.text):
        item["max"] = sum(parts, Decimal(0))
        settle.append(
            note(
                standard,
                "no 分值 is printed: max is the sum of the '(N分)' parts of the text; check it",
                "未列分值：按文字中“(N分)”各部分之和计，请核对",
            )
        )
    add_assignment(header, cells, item)
    add_rule(item, kind, standard, settle)
    method = header.cell(cells, Role.METHOD)
    if method is not None and method.text:
        item["note"] = f"{header.names[Role.METHOD]}：{method.text}"
        settle.append(
            note(
                method,
                "the scoring method is kept as a note; encode it as a rule (rule, deductions, "
                "bands) where it is one",
                "评分方法仅作为备注保留；如是计分规则，请写成 rule（扣分、分档等）",
            )
        )
    return item


def item_number(header: Header, cells: list[Cell]) -> str | None:
    cell = header.cell(cells, Role.NUMBER)
    if cell is None or cell.block_rows > 1 or not cell.text:
        return None
    return cell.text.translate(FULL_WIDTH).rstrip("、.．")


def add_assignment(header: Header, cells: list[Cell], item: Item) -> None:
    for role, key in ASSIGNMENT:
        cell = header.cell(cells, role)
        if cell is not None and isinstance(cell.value, (datetime, date)):
            day = cell.value.date() if isinstance(cell.value, datetime) else cell.value
            item[key] = f"{day.year}年{day.month}月{day.day}日"
            item["due"] = day.isoformat()
        elif cell is not None and cell.text:
            item[key] = cell.text
    people = header.cell(cells, Role.PEOPLE)
    if people is not None and people.text:
        item["people"] = [re.sub(r"\s+", "", p) for p in NAME_SPLIT.split(str(people.value))]
        item["people"] = [p for p in item["people"] if p]
    target = header.cell(cells, Role.TARGET)
    if target is not None:
        item["kind"] = "progress"
        item["target"] = target.text
        if found := RATE_TARGET.search(target.text):
            item["numeric_target"] = {"op": ">=", "value": Decimal(found[1]), "unit": "%"}


def add_rule(item: Item, kind: str | None, cell: Cell, settle: list[Note]) -> None:
    text = item["standard"]
    if kind == "veto":
        item["rule"] = "veto"
        item["conditions"] = veto_conditions(text) or [{"id": "1", "text": text}]
        settle.append(
            note(
                cell,
                "veto conditions are read from the numbered text; check them",
                "一票否决情形按文字编号拆分，请核对",
            )
        )
    elif kind == "bonus" and (tiers := bonus_tiers(text)):
        item.setdefault("max", tiers[0])
        item["rule"] = "tiers"
        item["tiers"] = {f"t{i + 1}": t for i, t in enumerate(tiers)}
        settle.append(
            note(
                cell,
                "bonus tiers t1… are read from '加N分'; name each tier",
                "加分档次 t1… 按“加N分”读出，请为每档命名",
            )
        )
    elif "max" not in item and "扣" in text:
        lines, unread = deduction_lines(text)
        if kind != "deduction":
            item["kind"] = "deduction"
        item["rule"] = "deductions"
        item["deductions"] = lines
        if falsified := [str(d["id"]) for d in lines if "弄虚作假" in str(d["text"])]:
            settle.append(falsification_note(cell, falsified[0]))
        words = "；".join(unread)
        settle.append(
            note(
                cell,
                "deduction lines d1… are read from '扣N分/最多扣M分'; check them"
                + (f"; not read: {words}" if unread else ""),
                "扣分条目 d1… 按“扣N分／最多扣M分”读出，请核对"
                + (f"；未能读出：{words}" if unread else ""),
            )
        )
    elif "numeric_target" in item:
        settle.append(
            note(
                cell,
                "a rate in the target is read as numeric_target (>= N%); check it",
                "年度目标中的比率读作数值目标（不低于 N%），请核对",
            )
        )
    elif "max" not in item and item.get("kind") != "progress":
        settle.append(
            note(
                cell,
                "no points are printed for this item; give it a max",
                "此项未标分值，请补充 max",
            )
        )


def falsification_note(cell: Cell, line: str) -> Note:
    return note(
        cell,
        f"line {line} names 弄虚作假: declare 'falsification: {{item, line}}' if a spot "
        "check's finding must take it",
        f"扣分条目 {line} 涉及弄虚作假：如抽查认定弄虚作假须按此扣分，请声明 falsification",
    )


def note(cell: Cell, message: str, message_zh: str) -> Note:
    return Note(cell.ref, message, message_zh)
