"""Building one rubric item, with its scoring rule, from its definition."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from domain.definition_values import DefinitionReader, describe
from domain.rubric import Assignment, Item
from domain.rules import (
    COMPARISONS,
    DEFAULT_RULE,
    RULES_FOR_KIND,
    Band,
    Deduction,
    Kind,
    NumericTarget,
    RuleName,
    Tier,
    VetoCondition,
)

NODE_KEYS = ("number", "kind", "step", "max", "deadline", "due", "lead", "office", "people", "note")
ITEM_KEYS = (
    *NODE_KEYS,
    *("standard", "rule", "bands", "deductions", "tiers", "conditions", "target"),
    "numeric_target",
)
NEEDS_MAX = (Kind.STANDARD, Kind.SPECIAL, Kind.BONUS)


@dataclass(frozen=True)
class Inherited:
    """What a section passes down to the nodes below it."""

    kind: Kind
    step: Decimal
    assignment: Assignment


def read_item(
    reader: DefinitionReader, where: str, data: Mapping[str, Any], inherited: Inherited
) -> Item:
    reader.known_keys(where, data, ITEM_KEYS)
    max_points = reader.decimal(where, data, "max")
    kind = inherited.kind
    rule = read_rule(reader, where, data, kind)
    if kind in NEEDS_MAX and data.get("max") is None:
        reader.fail(where, f"a {kind.value} item needs 'max'")
    if kind is Kind.VETO and max_points is not None:
        reader.fail(where, "a veto item carries no points; remove 'max'")
    step = inherited.step
    if max_points is not None and max_points % step != 0:
        reader.fail(where, f"max {max_points} is not a whole number of steps of {step}")
    item = Item(
        number=str(data.get("number", "")).strip(),
        standard=reader.text(where, data, "standard", required=True),
        kind=kind,
        rule=rule,
        max_points=max_points,
        step=step,
        bands=read_bands(reader, where, data, max_points) if rule is RuleName.BANDS else (),
        deductions=read_deductions(reader, where, data, kind, max_points),
        tiers=read_tiers(reader, where, data, max_points) if rule is RuleName.TIERS else (),
        conditions=read_conditions(reader, where, data) if rule is RuleName.VETO else (),
        target=reader.text(where, data, "target", required=rule is RuleName.PROGRESS) or None,
        numeric_target=read_numeric_target(reader, where, data),
        assignment=inherited.assignment,
        note=reader.text(where, data, "note") or None,
    )
    check_rule_inputs(reader, where, data, rule)
    return item


def read_rule(
    reader: DefinitionReader, where: str, data: Mapping[str, Any], kind: Kind
) -> RuleName:
    name = data.get("rule")
    if name is None:
        return DEFAULT_RULE[kind]
    allowed = sorted(r.value for r in RULES_FOR_KIND[kind])
    try:
        rule = RuleName(name)
    except ValueError:
        names = ", ".join(r.value for r in RuleName)
        reader.fail(where, f"unknown rule {describe(name)}; allowed: {names}")
        return DEFAULT_RULE[kind]
    if rule not in RULES_FOR_KIND[kind]:
        reader.fail(
            where,
            f"rule '{rule.value}' does not fit a {kind.value} item; allowed: {', '.join(allowed)}",
        )
    return rule


REQUIRED_INPUT = {
    RuleName.BANDS: "bands",
    RuleName.TIERS: "tiers",
    RuleName.VETO: "conditions",
    RuleName.DEDUCTIONS: "deductions",
}
RULES_TAKING = {
    "bands": (RuleName.BANDS,),
    "tiers": (RuleName.TIERS,),
    "conditions": (RuleName.VETO,),
    "deductions": (RuleName.JUDGED, RuleName.DEDUCTIONS),
}


def check_rule_inputs(
    reader: DefinitionReader, where: str, data: Mapping[str, Any], rule: RuleName
) -> None:
    needed = REQUIRED_INPUT.get(rule)
    if needed and not data.get(needed):
        reader.fail(where, f"rule '{rule.value}' needs '{needed}'")
    for key, rules in RULES_TAKING.items():
        if data.get(key) is not None and rule not in rules:
            takers = " or ".join(f"'{r.value}'" for r in rules)
            reader.fail(where, f"'{key}' does not apply to rule '{rule.value}'; only to {takers}")


def read_bands(
    reader: DefinitionReader, where: str, data: Mapping[str, Any], max_points: Decimal | None
) -> tuple[Band, ...]:
    bands: list[Band] = []
    for index, raw in enumerate(reader.sequence(where, data.get("bands", []))):
        at = f"{where} › band {index + 1}"
        entry = reader.mapping(at, raw)
        if entry is None:
            continue
        reader.known_keys(at, entry, ("rate", "points"))
        rate = reader.interval(at, entry.get("rate"))
        points = reader.decimal(at, entry, "points", required=True)
        if points is not None and max_points is not None and points > max_points:
            reader.fail(at, f"points {points} are above the item's max {max_points}")
        if rate is None or points is None:
            continue
        for other in bands:
            if rate.overlaps(other.rate):
                reader.fail(at, f"band {rate} overlaps band {other.rate}")
        bands.append(Band(rate, points))
    return tuple(bands)


def read_deductions(
    reader: DefinitionReader,
    where: str,
    data: Mapping[str, Any],
    kind: Kind,
    max_points: Decimal | None,
) -> tuple[Deduction, ...]:
    lines: list[Deduction] = []
    for index, raw in enumerate(reader.sequence(where, data.get("deductions", []))):
        at = f"{where} › deduction {index + 1}"
        entry = reader.mapping(at, raw)
        if entry is None:
            continue
        reader.known_keys(at, entry, ("id", "text", "per", "cap", "all_at", "range"))
        line = read_deduction(reader, at, entry)
        if line is None:
            continue
        if any(other.id == line.id for other in lines):
            reader.fail(at, f"deduction id '{line.id}' is used twice in this item")
        if line.all_at and kind is Kind.DEDUCTION and line.cap is None and max_points is None:
            reader.fail(at, "'all_at' needs a 'cap' or an item 'max' to know what the whole is")
        lines.append(line)
    return tuple(lines)


def read_deduction(reader: DefinitionReader, at: str, entry: Mapping[str, Any]) -> Deduction | None:
    line_id = reader.text(at, entry, "id", required=True)
    text = reader.text(at, entry, "text", required=True)
    if entry.get("range") is not None:
        if any(entry.get(k) is not None for k in ("per", "cap", "all_at")):
            reader.fail(at, "a deduction has either 'range' or 'per' (with 'cap', 'all_at')")
        bounds = reader.sequence(at, entry["range"])
        if len(bounds) != 2:
            reader.fail(at, "'range' must be [low, high], e.g. [1, 5]")
            return None
        low, high = (reader.number(at, "range", b) for b in bounds)
        if low is not None and high is not None and low > high:
            reader.fail(at, f"range low {low} is above high {high}")
        return Deduction(line_id, text, low=low, high=high)
    per = reader.decimal(at, entry, "per", required=True)
    if per == 0:
        reader.fail(at, "'per' must be above 0")
    cap = reader.decimal(at, entry, "cap")
    all_at = reader.whole(at, entry, "all_at") or None
    return Deduction(line_id, text, per=per, cap=cap, all_at=all_at)


def read_tiers(
    reader: DefinitionReader, where: str, data: Mapping[str, Any], max_points: Decimal | None
) -> tuple[Tier, ...]:
    raw = reader.mapping(where, data.get("tiers"))
    tiers: list[Tier] = []
    for tier_id, value in (raw or {}).items():
        points = reader.number(where, f"tiers.{tier_id}", value)
        if points is None:
            continue
        if max_points is not None and points > max_points:
            reader.fail(where, f"tier '{tier_id}' ({points}) is above the item's max {max_points}")
        tiers.append(Tier(str(tier_id), points))
    return tuple(tiers)


def read_conditions(
    reader: DefinitionReader, where: str, data: Mapping[str, Any]
) -> tuple[VetoCondition, ...]:
    conditions: list[VetoCondition] = []
    for index, raw in enumerate(reader.sequence(where, data.get("conditions", []))):
        at = f"{where} › condition {index + 1}"
        entry = reader.mapping(at, raw)
        if entry is None:
            continue
        reader.known_keys(at, entry, ("id", "text"))
        condition = VetoCondition(
            reader.text(at, entry, "id", required=True), reader.text(at, entry, "text", True)
        )
        if any(c.id == condition.id for c in conditions):
            reader.fail(at, f"condition id '{condition.id}' is used twice")
        conditions.append(condition)
    return tuple(conditions)


def read_numeric_target(
    reader: DefinitionReader, where: str, data: Mapping[str, Any]
) -> NumericTarget | None:
    if data.get("numeric_target") is None:
        return None
    at = f"{where} › numeric_target"
    entry = reader.mapping(at, data["numeric_target"])
    if entry is None:
        return None
    reader.known_keys(at, entry, ("op", "value", "unit"))
    op = str(entry.get("op", ""))
    if op not in COMPARISONS:
        reader.fail(at, f"'op' must be one of {', '.join(COMPARISONS)}, found {describe(op)}")
    value = reader.decimal(at, entry, "value", required=True)
    if value is None or op not in COMPARISONS:
        return None
    return NumericTarget(op, value, str(entry.get("unit", "")))
