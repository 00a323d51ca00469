"""Building a Rubric from its definition (the parsed rubric file), or refusing it whole."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal
from typing import Any, TypeVar

from domain.deadlines import read_deadlines
from domain.definition_values import DefinitionReader, describe
from domain.errors import RubricDefinitionError
from domain.item_definition import NODE_KEYS, Inherited, read_item
from domain.rubric import (
    Assignment,
    Node,
    PeriodKind,
    Rubric,
    Section,
    SummaryColumn,
    SummaryTable,
    UnitLevel,
)
from domain.rubric_checks import check_tree
from domain.rubric_rules import (
    RULE_KEYS,
    check_falsification,
    read_falsification,
    read_format,
    read_same_matter,
)
from domain.rubric_workflow import read_workflow
from domain.rules import Kind

RUBRIC_KEYS = (
    *("format", "code", "version", "title", "source", "scored_level", "period", "base_max"),
    *("pass_mark", "bonus_cap", "step", "compliance_targets", "summary", "decisions", "nodes"),
    *RULE_KEYS,
    "workflow",
    "deadlines",
)
SECTION_KEYS = (*NODE_KEYS, "title", "children")
CODE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
QUARTERS = ("Q1", "Q2", "Q3", "Q4")
DEFAULT_STEP = Decimal("0.5")


def rubric_from_definition(data: object, source: str) -> Rubric:
    """The rubric a definition describes; RubricDefinitionError lists every problem."""
    reader = DefinitionReader()
    top = reader.mapping("rubric", data) or {}
    reader.known_keys("rubric", top, RUBRIC_KEYS)
    form = read_format(reader, top)
    step = reader.decimal("rubric", top, "step") or DEFAULT_STEP
    root = Inherited(Kind.STANDARD, step, Assignment())
    nodes = read_nodes(reader, "nodes", top.get("nodes"), root)
    if not nodes:
        reader.fail("rubric", "'nodes' must list at least one section or item")
    scored = read_choice(reader, top, "scored_level", UnitLevel) or UnitLevel.VILLAGE
    kind = read_choice(reader, top, "period", PeriodKind) or PeriodKind.YEAR
    rubric = Rubric(
        code=read_code(reader, top),
        version=reader.whole("rubric", top, "version", required=True),
        title=reader.text("rubric", top, "title", required=True),
        source=reader.text("rubric", top, "source"),
        scored_level=scored,
        period=kind,
        base_max=reader.decimal("rubric", top, "base_max", required=True) or Decimal(0),
        nodes=tuple(nodes),
        pass_mark=reader.decimal("rubric", top, "pass_mark"),
        bonus_cap=reader.decimal("rubric", top, "bonus_cap"),
        step=step,
        compliance_targets=read_targets(reader, top),
        summary=read_summary(reader, top),
        decisions=read_decisions(reader, top),
        format=form,
        same_matter_bonus=read_same_matter(reader, top, form),
        falsification=read_falsification(reader, top),
        workflow=read_workflow(reader, top, scored),
        deadlines=read_deadlines(reader, top, kind),
    )
    check_tree(reader, rubric)
    check_falsification(reader, rubric)
    if reader.problems:
        raise RubricDefinitionError(source, reader.problems)
    return rubric


def read_nodes(
    reader: DefinitionReader, where: str, raw: object, inherited: Inherited
) -> list[Node]:
    nodes: list[Node] = []
    for index, entry in enumerate(reader.sequence(where, raw)):
        data = reader.mapping(f"{where} › #{index + 1}", entry)
        if data is None:
            continue
        number = str(data.get("number") or "").strip()
        at = f"node {number}" if where == "nodes" else f"{where} › {number}"
        if not number:
            reader.fail(f"{where} › #{index + 1}", "'number' is required")
            at = f"{where} › #{index + 1}"
        own = inherit(reader, at, data, inherited)
        if "children" in data:
            nodes.append(read_section(reader, at, data, own))
        else:
            nodes.append(read_item(reader, at, data, own))
    return nodes


def read_section(
    reader: DefinitionReader, at: str, data: Mapping[str, Any], own: Inherited
) -> Section:
    reader.known_keys(at, data, SECTION_KEYS)
    children = read_nodes(reader, at, data.get("children"), own)
    if not children:
        reader.fail(at, "a section needs at least one child in 'children'")
    return Section(
        number=str(data.get("number", "")).strip(),
        title=reader.text(at, data, "title", required=True),
        children=tuple(children),
        max_points=reader.decimal(at, data, "max"),
        kind=own.kind if "kind" in data else None,
        assignment=own.assignment,
        note=reader.text(at, data, "note") or None,
    )


def inherit(
    reader: DefinitionReader, at: str, data: Mapping[str, Any], parent: Inherited
) -> Inherited:
    """The node's own kind, step and assignment: its keys, else its section's."""
    kind = parent.kind
    if "kind" in data:
        kind = read_choice(reader, data, "kind", Kind, at) or parent.kind
    step = parent.step
    if "step" in data:
        step = reader.decimal(at, data, "step") or parent.step
        if step == 0:
            reader.fail(at, "'step' must be above 0")
            step = parent.step
    people = data.get("people")
    if people is not None and not (
        isinstance(people, list) and all(isinstance(p, str) and p.strip() for p in people)
    ):
        reader.fail(at, f"'people' must be a list of names, found {describe(people)}")
        people = None
    base = parent.assignment
    assignment = replace(
        base,
        deadline=reader.text(at, data, "deadline") or base.deadline,
        due=reader.iso_date(at, data, "due") or base.due,
        lead=reader.text(at, data, "lead") or base.lead,
        office=reader.text(at, data, "office") or base.office,
        people=tuple(p.strip() for p in people) if people is not None else base.people,
    )
    return Inherited(kind, step, assignment)


E = TypeVar("E", UnitLevel, PeriodKind, Kind)


def read_choice(
    reader: DefinitionReader,
    data: Mapping[str, Any],
    key: str,
    choices: type[E],
    where: str = "rubric",
) -> E | None:
    raw = data.get(key)
    allowed = ", ".join(c.value for c in choices)
    try:
        return choices(str(raw))
    except ValueError:
        reader.fail(where, f"'{key}' must be one of {allowed}, found {describe(raw)}")
        return None


def read_decisions(reader: DefinitionReader, top: Mapping[str, Any]) -> tuple[str, ...]:
    decisions = reader.sequence("decisions", top.get("decisions", []))
    for index, decision in enumerate(decisions):
        if not isinstance(decision, str):
            reader.fail(
                f"decisions › #{index + 1}",
                f"must be text, found {describe(decision)}; quote a decision that contains ': '",
            )
    return tuple(str(d) for d in decisions)


def read_code(reader: DefinitionReader, top: Mapping[str, Any]) -> str:
    code = reader.text("rubric", top, "code", required=True)
    if code and not CODE.match(code):
        reader.fail(
            "rubric", f"'code' must be lower-case letters, digits and hyphens, found {code!r}"
        )
    return code


def read_targets(
    reader: DefinitionReader, top: Mapping[str, Any]
) -> tuple[tuple[str, Decimal], ...]:
    raw = top.get("compliance_targets")
    if raw is None:
        return ()
    targets = reader.mapping("compliance_targets", raw) or {}
    result: list[tuple[str, Decimal]] = []
    for quarter, value in targets.items():
        if quarter not in QUARTERS:
            reader.fail("compliance_targets", f"unknown quarter '{quarter}'; allowed: Q1..Q4")
            continue
        rate = reader.number("compliance_targets", quarter, value)
        if rate is not None and rate > 100:
            reader.fail("compliance_targets", f"{quarter} target {rate} is above 100 (percent)")
        elif rate is not None:
            result.append((quarter, rate))
    return tuple(result)


def read_summary(reader: DefinitionReader, top: Mapping[str, Any]) -> SummaryTable | None:
    if top.get("summary") is None:
        return None
    data = reader.mapping("summary", top["summary"]) or {}
    reader.known_keys("summary", data, ("title", "columns"))
    columns = []
    for index, raw in enumerate(reader.sequence("summary", data.get("columns", []))):
        at = f"summary › column {index + 1}"
        entry = reader.mapping(at, raw) or {}
        reader.known_keys(at, entry, ("label", "source"))
        columns.append(
            SummaryColumn(
                reader.text(at, entry, "label", True), reader.text(at, entry, "source", True)
            )
        )
    return SummaryTable(reader.text("summary", data, "title", required=True), tuple(columns))
