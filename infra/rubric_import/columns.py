"""The header row of a scoring table and what each column holds, by its printed name."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum

from infra.rubric_import.cells import Cell, Grid
from infra.rubric_import.problems import Note


class Role(Enum):
    SECTION = "section"
    SUBSECTION = "subsection"
    NUMBER = "number"
    STANDARD = "standard"
    POINTS = "points"
    METHOD = "method"
    TARGET = "target"
    DEADLINE = "deadline"
    LEAD = "lead"
    OFFICE = "office"
    PEOPLE = "people"
    IGNORED = "ignored"


HEADERS: dict[str, Role] = {
    **dict.fromkeys(("主要内容", "项目", "评分任务", "一级指标", "考核项目"), Role.SECTION),
    **dict.fromkeys(("评分内容", "二级指标"), Role.SUBSECTION),
    **dict.fromkeys(("序号", "编号"), Role.NUMBER),
    **dict.fromkeys(
        ("工作标准", "评分标准", "创建标准", "考核标准", "考核内容", "任务要点名称"), Role.STANDARD
    ),
    **dict.fromkeys(("分值", "分数", "标准分"), Role.POINTS),
    **dict.fromkeys(("评分方法", "评分办法", "扣分", "扣分标准", "评分细则"), Role.METHOD),
    "年度目标": Role.TARGET,
    "完成时限": Role.DEADLINE,
    "牵头领导": Role.LEAD,
    **dict.fromkeys(("责任股室", "责任科室"), Role.OFFICE),
    "责任人": Role.PEOPLE,
    **dict.fromkeys(("得分", "完成进度情况", "备注", "自评得分", "考核得分"), Role.IGNORED),
}
SPACES = re.compile(r"\s+")


def header_word(cell: Cell) -> str:
    return SPACES.sub("", str(cell.value or ""))


@dataclass
class Header:
    """Where the header row is and which column (index into a row's cells) has each role."""

    row: int
    columns: dict[Role, int] = field(default_factory=dict)
    names: dict[Role, str] = field(default_factory=dict)
    unread: list[Note] = field(default_factory=list)

    def cell(self, cells: list[Cell], role: Role) -> Cell | None:
        index = self.columns.get(role)
        return cells[index] if index is not None else None

    def repeats(self, cells: list[Cell]) -> bool:
        """A header printed again (after a page break) in the table."""
        words = {role: header_word(cells[i]) for role, i in self.columns.items()}
        return any(words.values()) and all(w in (self.names[r], "") for r, w in words.items())


def find_header(grid: Grid) -> Header | Note:
    for number, cells in grid.rows:
        roles = {i: HEADERS.get(header_word(c)) for i, c in enumerate(cells)}
        if Role.STANDARD not in roles.values():
            continue
        header = Header(number)
        for index, role in roles.items():
            if role is not None and role not in header.columns:
                header.columns[role] = index
                header.names[role] = header_word(cells[index])
            elif role is None and header_word(cells[index]):
                header.unread.append(unread_column(cells[index]))
        return header
    known = "、".join(w for w, r in HEADERS.items() if r is Role.STANDARD)
    return Note(
        grid.sheet,
        f"no header row with a standards column ({known}) was found",
        f"未找到包含标准列（{known}）的表头行",
    )


def unread_column(cell: Cell) -> Note:
    word = header_word(cell)
    return Note(
        cell.ref,
        f"the column '{word}' is not part of the rubric format and was not read",
        f"“{word}”列不属于评分表格式，未读取",
    )
