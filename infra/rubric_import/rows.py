"""The table's rows read into a tree of sections and items (plain dicts in the rubric file's
shape), with a note for every reading a person should settle."""

from __future__ import annotations

from typing import Any

from infra.rubric_import.cells import FULL_WIDTH, Cell, Grid, formula_refused
from infra.rubric_import.columns import Header, Role
from infra.rubric_import.items import item_from_row
from infra.rubric_import.problems import Note
from infra.rubric_import.text_rules import kind_title, read_label, section_kind

Node = dict[str, Any]
TOTALS = ("总分", "总得分", "合计", "总计")


class TreeBuilder:
    """Sections open where a section cell (merged or not) starts a new label, or at a
    heading row (one cell merged across the row); a blank section cell, or the same label
    again, continues the section above it."""

    def __init__(self, header: Header) -> None:
        self.header = header
        self.nodes: list[Node] = []
        self.open: list[tuple[str, str, Node] | None] = [None, None]
        self.refused: list[Note] = []
        self.settle: list[Note] = []

    def add_row(self, cells: list[Cell]) -> None:
        standard = self.header.cell(cells, Role.STANDARD)
        if standard is None or not standard.text or self.header.repeats(cells):
            return
        if standard.text in TOTALS:
            return
        for cell, role in self.read_cells(cells):
            if cell.formula:
                self.refused.append(formula_refused(cell, self.header.names[role]))
        if self.heading(cells, standard):
            depth = 0 if Role.SECTION not in self.header.columns else 1
            self.add_heading(cells, standard, depth)
            return
        section = self.section_for(cells, self.header.cell(cells, Role.SECTION), 0, self.nodes)
        parent = section["children"] if section is not None else self.nodes
        sub = self.section_for(cells, self.header.cell(cells, Role.SUBSECTION), 1, parent)
        parent = sub["children"] if sub is not None else parent
        kind = next((n["kind"] for n in (sub, section) if n and "kind" in n), None)
        item = item_from_row(self.header, cells, kind, self.refused, self.settle)
        if item is not None:
            parent.append(item)

    def read_cells(self, cells: list[Cell]) -> list[tuple[Cell, Role]]:
        return [
            (cells[i], role) for role, i in self.header.columns.items() if role is not Role.IGNORED
        ]

    def heading(self, cells: list[Cell], standard: Cell) -> bool:
        """A row whose standards cell is merged with its 序号 or 分值 cell: a section title."""
        others = (self.header.cell(cells, r) for r in (Role.NUMBER, Role.POINTS))
        return standard.block is not None and any(c and c.block == standard.block for c in others)

    def add_heading(self, cells: list[Cell], standard: Cell, depth: int) -> None:
        if depth == 1:
            self.section_for(cells, self.header.cell(cells, Role.SECTION), 0, self.nodes)
        parent = self.open[0][2]["children"] if depth == 1 and self.open[0] else self.nodes
        self.section_for(cells, standard, depth, parent)

    def section_for(
        self, cells: list[Cell], cell: Cell | None, depth: int, siblings: list[Node]
    ) -> Node | None:
        current = self.open[depth]
        if cell is None:  # no such column: the section a heading row opened, if any
            return current[2] if current is not None else None
        key = cell.block or cell.text
        if not cell.text or (
            current is not None and (key == current[0] or cell.text == current[1])
        ):
            # a blank cell, the same merged cell, or the label printed again after a page break
            return current[2] if current is not None else None
        label = read_label(cell.lines)
        node: Node = {"number": label.number, "title": label.title}
        number = self.header.cell(cells, Role.NUMBER)
        if depth == 0 and number is not None and number.block_rows > 1 and number.text:
            node["number"] = number.text.translate(FULL_WIDTH)
        if node["number"] is None and kind_title(label.title):
            node["number"] = label.title
        if label.max_points is not None:
            node["max"] = label.max_points
        if kind := section_kind(label.title):
            node["kind"] = kind
        node["children"] = []
        node["_cell"] = cell.ref
        siblings.append(node)
        self.open[depth] = (key, cell.text, node)
        if depth == 0:
            self.open[1] = None
        return node


def build_tree(grid: Grid, header: Header) -> TreeBuilder:
    builder = TreeBuilder(header)
    for number, cells in grid.rows:
        if number > header.row:
            builder.add_row(cells)
    return builder
