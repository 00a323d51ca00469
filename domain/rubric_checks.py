"""Whole-tree checks of a rubric definition: unique numbers, sums that add up, valid columns."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from decimal import Decimal

from domain.definition_values import DefinitionReader
from domain.rubric import Node, Rubric, Section
from domain.rules import Kind

FIGURES = (
    *("row", "parent", "unit", "contact", "phone", "remarks", "bonus", "deductions"),
    *("bonus_minus_deductions", "special", "total", "result", "timeliness"),
)
NOT_IN_SUMS = (Kind.DEDUCTION, Kind.VETO)


def check_tree(reader: DefinitionReader, rubric: Rubric) -> None:
    check_item_numbers(reader, rubric)
    check_sibling_numbers(reader, "nodes", rubric.nodes)
    for section in rubric.sections():
        check_section_sum(reader, section)
    check_base_max(reader, rubric)
    check_summary(reader, rubric)
    if rubric.pass_mark is not None and rubric.pass_mark > rubric.base_max:
        reader.fail("rubric", f"pass_mark {rubric.pass_mark} is above base_max {rubric.base_max}")


def check_item_numbers(reader: DefinitionReader, rubric: Rubric) -> None:
    counts = Counter(item.number for item in rubric.items() if item.number)
    for number, count in counts.items():
        if count > 1:
            reader.fail(
                f"node {number}",
                f"item number '{number}' is used {count} times; "
                "item numbers must be unique in the rubric",
            )


def check_sibling_numbers(reader: DefinitionReader, where: str, nodes: Iterable[Node]) -> None:
    counts = Counter(n.number for n in nodes if isinstance(n, Section) and n.number)
    for number, count in counts.items():
        if count > 1:
            reader.fail(where, f"section number '{number}' is used {count} times among siblings")
    for node in nodes:
        if isinstance(node, Section):
            check_sibling_numbers(reader, f"{where} › {node.number}", node.children)


def scored_maxima(nodes: Iterable[Node]) -> list[Decimal | None]:
    return [
        node.max_points
        for node in nodes
        if isinstance(node, Section) or node.kind not in NOT_IN_SUMS
    ]


def check_section_sum(reader: DefinitionReader, section: Section) -> None:
    maxima = scored_maxima(section.children)
    if section.max_points is None or not maxima or None in maxima:
        return
    total = sum((m for m in maxima if m is not None), Decimal(0))
    if total != section.max_points:
        reader.fail(
            f"section {section.number} {section.title}",
            f"children add up to {total}, but the section's max is {section.max_points}",
        )


def check_base_max(reader: DefinitionReader, rubric: Rubric) -> None:
    standard = [item.max_points for item in rubric.items() if item.kind is Kind.STANDARD]
    if standard and None not in standard:
        total = sum((m for m in standard if m is not None), Decimal(0))
        what = "standard items"
    else:
        tops = [n.max_points for n in rubric.nodes if isinstance(n, Section)]
        if not tops or None in tops:
            return
        total = sum((m for m in tops if m is not None), Decimal(0))
        what = "top-level sections"
    if total != rubric.base_max:
        reader.fail("rubric", f"{what} add up to {total}, but base_max is {rubric.base_max}")


def check_summary(reader: DefinitionReader, rubric: Rubric) -> None:
    if rubric.summary is None:
        return
    for index, column in enumerate(rubric.summary.columns):
        at = f"summary › column {index + 1}"
        if column.source.startswith("section:"):
            number = column.source.removeprefix("section:")
            if rubric.top_section(number) is None:
                reader.fail(at, f"no top-level section numbered '{number}'")
        elif column.source not in FIGURES:
            allowed = ", ".join((*FIGURES, "section:<number>"))
            reader.fail(at, f"unknown source '{column.source}'; allowed: {allowed}")
