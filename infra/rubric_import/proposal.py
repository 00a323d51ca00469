"""A proposed rubric file from a spreadsheet: the tree the table gives, numbers and maxima
filled in where the table leaves them to be worked out, the rubric's own fields as
placeholders, and the list of everything a person must settle, checked as publishing checks."""

from __future__ import annotations

from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook

from domain.errors import Problem, RubricDefinitionError
from infra.rubric_files import parse_rubric_text
from infra.rubric_import.cells import Grid, read_grid
from infra.rubric_import.columns import Header, find_header
from infra.rubric_import.numbering import settle_numbers, settle_sums
from infra.rubric_import.problems import Note, SpreadsheetRefusedError, grouped
from infra.rubric_import.render import rubric_yaml
from infra.rubric_import.rows import build_tree

Node = dict[str, Any]


@dataclass
class Proposal:
    """The proposed file's text, what is left to settle, and the problems that stop it
    from being published as it stands (empty when it would pass)."""

    text: str
    definition: dict[str, Any]
    settle: list[Note]
    problems: list[Problem] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class Metadata:
    """The rubric's own fields, which a table does not print; None: a placeholder is
    proposed and listed to settle."""

    code: str | None = None
    version: int = 1
    scored_level: str | None = None
    period: str | None = None


SAME_MATTER = Note(
    "same_matter_bonus",
    "not proposed, so a matter counts under each bonus item; write 'highest' where the notice "
    "says 同一事项只计最高加分",
    "未设同一事项加分规则（各加分项分别计）；如通知写明“同一事项只计最高加分”，请写 highest",
)
PLACEHOLDERS = {"code": "imported-table", "scored_level": "village", "period": "year"}


def propose_from_file(data: bytes, name: str, meta: Metadata = Metadata()) -> Proposal:
    """The proposal for the first visible worksheet of an .xlsx file that holds a table;
    SpreadsheetRefusedError lists every cell it cannot read."""
    try:
        workbook = load_workbook(BytesIO(data), data_only=False)
    except Exception:  # openpyxl raises many kinds for a file that is not .xlsx
        refused = Note(name, "not a readable .xlsx workbook", "不是可读取的 .xlsx 工作簿")
        raise SpreadsheetRefusedError(name, [refused]) from None
    grid, header, others = first_table(workbook, name)
    return propose(grid, header, name, meta, others)


def propose_from_path(path: Path, meta: Metadata = Metadata()) -> Proposal:
    return propose_from_file(path.read_bytes(), path.name, meta)


def first_table(workbook: Workbook, name: str) -> tuple[Grid, Header, list[Note]]:
    """The first visible sheet with a header row, and a note for each other sheet."""
    found: tuple[Grid, Header] | None = None
    problems: list[Note] = []
    others: list[Note] = []
    for sheet in workbook.worksheets:
        if found is not None or sheet.sheet_state != "visible":
            others.append(
                Note(
                    sheet.title,
                    "this sheet was not read: one table per file",
                    "此工作表未读取：每个文件只导入一张评分表",
                )
            )
            continue
        grid = read_grid(sheet)
        header = find_header(grid)
        if isinstance(header, Note):
            problems.append(header)
        else:
            found = (grid, header)
    if found is None:
        nothing = Note(name, "no visible worksheet", "没有可见的工作表")
        raise SpreadsheetRefusedError(name, problems or [nothing])
    skipped = [
        Note(p.where, "this sheet holds no table and was not read", "此工作表中没有评分表，未读取")
        for p in problems
    ]
    return found[0], found[1], [*skipped, *others]


def propose(grid: Grid, header: Header, name: str, meta: Metadata, others: list[Note]) -> Proposal:
    tree = build_tree(grid, header)
    if tree.refused:
        raise SpreadsheetRefusedError(name, tree.refused)
    settle = [*others, *grid.hidden, *header.unread, *tree.settle]
    settle_numbers(tree.nodes, settle)
    base_max, bonus_cap, step = settle_sums(tree.nodes, settle)
    definition = rubric_definition(grid, header.row, name, meta)
    definition["base_max"] = base_max
    if bonus_cap is not None:
        definition["bonus_cap"] = bonus_cap
    if step is not None:
        definition["step"] = step
    definition["decisions"] = [f"Proposed from the spreadsheet {name}, sheet {grid.sheet}."]
    definition["nodes"] = tree.nodes
    settle = [*rubric_notes(meta, tree.nodes), *grouped(settle)]
    strip_cells(tree.nodes)
    text = proposal_text(definition, settle)
    try:
        parse_rubric_text(text, name)
        problems: list[Problem] = []
    except RubricDefinitionError as error:
        problems = list(error.problems)
    return Proposal(text, definition, settle, problems)


def rubric_definition(grid: Grid, header_row: int, name: str, meta: Metadata) -> dict[str, Any]:
    return {
        "format": 2,
        "code": meta.code or PLACEHOLDERS["code"],
        "version": meta.version,
        "title": table_title(grid, header_row),
        "source": f"{name} ({grid.sheet})",
        "scored_level": meta.scored_level or PLACEHOLDERS["scored_level"],
        "period": meta.period or PLACEHOLDERS["period"],
    }


def table_title(grid: Grid, header_row: int) -> str:
    """The last text above the header that is not an annex label (附件1)."""
    texts = [
        cell.text
        for number, cells in grid.rows
        if number < header_row
        for cell in cells
        if cell.text and not cell.text.startswith("附件")
    ]
    return texts[-1] if texts else grid.sheet


def rubric_notes(meta: Metadata, nodes: list[Node]) -> list[Note]:
    """The rubric's own fields proposed as placeholders, and rules a table never shows."""
    notes = []
    if any(node.get("kind") == "bonus" for node in nodes):
        notes.append(SAME_MATTER)
    if meta.code is None:
        notes.append(
            Note(
                "code",
                "'imported-table' is a placeholder; give the table's code",
                "编码 imported-table 为占位值，请确定评分表编码（code）",
            )
        )
    if meta.scored_level is None:
        notes.append(
            Note(
                "scored_level",
                "'village' is a placeholder; say who is scored",
                "被考核层级 village 为占位值，请确认（scored_level）",
            )
        )
    if meta.period is None:
        notes.append(
            Note(
                "period",
                "'year' is a placeholder; say the period of one assessment",
                "考核周期 year 为占位值，请确认（period）",
            )
        )
    return [
        *notes,
        Note(
            "pass_mark",
            "none proposed; the notice's notes may name one (e.g. 90分以上)",
            "未设达标分数线；如通知注明（如“90分以上”），请补充 pass_mark",
        ),
        Note(
            "workflow",
            "none proposed: the default for the scored level applies",
            "未设审核流程，按被考核层级的默认流程",
        ),
    ]


def strip_cells(nodes: list[Node]) -> None:
    """Drop the cell references kept for notes; a section's children come last."""
    for node in nodes:
        node.pop("_cell", None)
        if "children" in node:
            node["children"] = node.pop("children")
            strip_cells(node["children"])


def proposal_text(definition: dict[str, Any], settle: list[Note]) -> str:
    lines = ["# Proposed from a spreadsheet. To settle before publishing:"]
    lines += [f"# - {note}" for note in settle]
    return "\n".join(lines) + "\n" + rubric_yaml(definition)
