"""Rubric-wide rules a definition declares, and what a definition that does not say means.

Format 1 files were scored with one matter earning only its highest bonus whatever they said;
they are still read so, and never carry the key. From format 2 a rubric applies that rule only
where it declares `same_matter_bonus: highest`; without the key every item counts its own.
A format 2 rubric may also declare what a falsification (弄虚作假) finding triggers: a deduction
line, or a veto condition raised under a name."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from domain.definition_values import DefinitionReader, describe
from domain.rubric import Rubric
from domain.rules import Falsification, SameMatter

FORMATS = ("1", "2")
RULE_KEYS = ("same_matter_bonus", "falsification")


def read_format(reader: DefinitionReader, top: Mapping[str, Any]) -> int:
    found = str(top.get("format", ""))
    if found not in FORMATS:
        allowed = " or ".join(FORMATS)
        reader.fail("rubric", f"'format' must be {allowed}, found {describe(top.get('format'))}")
        return 1
    if found == "1":
        for key in RULE_KEYS:
            if key in top:
                reader.fail("rubric", f"'{key}' needs format 2; format 1 files cannot declare it")
    return int(found)


def read_same_matter(reader: DefinitionReader, top: Mapping[str, Any], form: int) -> SameMatter:
    """Whether one matter claimed under several bonus items counts once (its highest bonus)
    or under each item."""
    if form == 1:
        return SameMatter.HIGHEST
    raw = top.get("same_matter_bonus")
    if raw is None:
        return SameMatter.EACH
    try:
        return SameMatter(str(raw))
    except ValueError:
        allowed = ", ".join(s.value for s in SameMatter)
        reader.fail(
            "rubric",
            f"'same_matter_bonus' must be one of {allowed} (highest: one matter earns only its "
            f"highest bonus across the bonus items; each: every item counts it), "
            f"found {describe(raw)}",
        )
        return SameMatter.EACH


def read_falsification(reader: DefinitionReader, top: Mapping[str, Any]) -> Falsification | None:
    raw = top.get("falsification")
    if raw is None:
        return None
    data = reader.mapping("falsification", raw)
    if data is None:
        return None
    reader.known_keys("falsification", data, ("item", "line", "condition", "name"))
    item = reader.text("falsification", data, "item", required=True)
    line = reader.text("falsification", data, "line")
    condition = reader.text("falsification", data, "condition")
    name = reader.text("falsification", data, "name")
    if bool(line) == bool(condition):
        reader.fail(
            "falsification",
            "name either 'line' (a deduction line of the item) or 'condition' (a veto "
            "condition of the item, with its 'name'), not both and not neither",
        )
        return None
    if condition and not name:
        reader.fail("falsification", "a veto 'condition' needs the 'name' it is raised under")
        return None
    if line and name:
        reader.fail("falsification", "'name' goes with a veto 'condition', not a 'line'")
        return None
    if not item:
        return None
    return Falsification(item, line or None, condition or None, name or None)


def check_falsification(reader: DefinitionReader, rubric: Rubric) -> None:
    """The declared consequence names a deduction line or a veto condition of an item."""
    rule = rubric.falsification
    if rule is None:
        return
    item = rubric.item(rule.item)
    if item is None:
        reader.fail("falsification", f"no item numbered '{rule.item}'")
    elif rule.line is not None and item.deduction(rule.line) is None:
        lines = ", ".join(d.id for d in item.deductions) or "none"
        reader.fail(
            "falsification",
            f"item {rule.item} has no deduction line '{rule.line}'; its lines: {lines}",
        )
    elif rule.condition is not None and rule.condition not in {c.id for c in item.conditions}:
        conditions = ", ".join(c.id for c in item.conditions) or "none"
        reader.fail(
            "falsification",
            f"item {rule.item} has no veto condition '{rule.condition}'; "
            f"its conditions: {conditions}",
        )
