"""What a table's printed words say about points and rules: "(3分)" parts, "加3分" tiers,
"1人次扣3分，最多扣10分" deductions, "1、…；2、…" veto conditions and section labels such as
"（一）组织领导" or "加分项（10分）". Each reading is a proposal for a person to confirm."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

NUMBER = r"(\d+(?:\.\d+)?)"
PART_POINTS = re.compile(rf"[（(]\s*{NUMBER}\s*分\s*[)）]")
BONUS = re.compile(rf"加\s*{NUMBER}\s*分")
PER = re.compile(rf"扣(?:[^，,；;0-9]*?){NUMBER}\s*分")
CAP = re.compile(rf"最多扣\s*{NUMBER}\s*分")
RANGE = re.compile(rf"扣\s*{NUMBER}\s*[-－~～至到]\s*{NUMBER}\s*分")
NUMBERED = re.compile(r"(?:^|[；;。\s])\s*(\d+)\s*[、.．]\s*")
CLAUSE = re.compile(r"[；;。]")
CAP_THEN_MORE = re.compile(rf"(最多扣\s*{NUMBER}\s*分)[，,]")
LABEL_NUMBER = re.compile(
    r"^\s*([（(](?:[一二三四五六七八九十百]+|\d+)[）)]|[一二三四五六七八九十百]+(?=[、.．\s])|\d+(?=[、.．\s]))"
    r"[、.．]?\s*",
    re.S,
)
KIND_WORDS = (
    ("一票否决", "veto"),
    ("加分", "bonus"),
    ("减分", "deduction"),
    ("特别考核", "special"),
)
CHINESE = "一二三四五六七八九十"


@dataclass(frozen=True)
class Label:
    number: str | None
    title: str
    max_points: Decimal | None


def read_label(lines: list[str]) -> Label:
    """A section label: its printed number, its title and a printed "(N分)" maximum."""
    text = "\n".join(lines)
    points = PART_POINTS.search(text)
    if points:
        text = text[: points.start()] + text[points.end() :]
    number = LABEL_NUMBER.match(text)
    rest = text[number.end() :] if number else text
    title = "".join(line.strip() for line in rest.splitlines()).strip()
    found = number.group(1) if number else None
    return Label(found, title or (found or ""), Decimal(points.group(1)) if points else None)


def section_kind(title: str) -> str | None:
    return next((kind for word, kind in KIND_WORDS if word in title), None)


def kind_title(title: str) -> bool:
    """A label such as 加分项 or 一票否决 that is its own number where none is printed."""
    return section_kind(title) is not None and len(title) <= 6


def chinese_number(position: int) -> str:
    if position <= 10:
        return CHINESE[position - 1]
    tens, ones = divmod(position, 10)
    return ("" if tens == 1 else CHINESE[tens - 1]) + "十" + (CHINESE[ones - 1] if ones else "")


def part_points(text: str) -> list[Decimal]:
    return [Decimal(m.group(1)) for m in PART_POINTS.finditer(text)]


def bonus_tiers(text: str) -> list[Decimal]:
    """The distinct "加N分" amounts, highest first."""
    return sorted({Decimal(m.group(1)) for m in BONUS.finditer(text)}, reverse=True)


def veto_conditions(text: str) -> list[dict[str, str]]:
    """Numbered conditions "1、…；2、…", each with its printed number as its id."""
    marks = list(NUMBERED.finditer(text))
    if len(marks) < 2:
        return []
    conditions = []
    for index, mark in enumerate(marks):
        end = marks[index + 1].start() if index + 1 < len(marks) else len(text)
        words = text[mark.end() : end].strip(" ；;。")
        conditions.append({"id": mark.group(1), "text": words})
    return conditions


def deduction_lines(text: str) -> tuple[list[dict[str, object]], list[str]]:
    """Lines "…扣N分，最多扣M分" and "视情扣a-b分", and the clauses read as neither."""
    lines: list[dict[str, object]] = []
    unread: list[str] = []
    text = CAP_THEN_MORE.sub(r"\1；", NUMBERED.sub("；", text))
    for clause in (c.strip() for c in CLAUSE.split(text)):
        if not clause:
            continue
        line_id = f"d{len(lines) + 1}"
        if found := RANGE.search(clause):
            low, high = Decimal(found[1]), Decimal(found[2])
            lines.append({"id": line_id, "text": clause, "range": [low, high]})
        elif found := PER.search(CAP.sub("", clause)):  # "最多扣M分" is the cap, never the amount
            line: dict[str, object] = {"id": line_id, "text": clause, "per": Decimal(found[1])}
            if cap := CAP.search(clause):
                line["cap"] = Decimal(cap[1])
            lines.append(line)
        else:
            unread.append(clause)
    return lines, unread
