"""A rubric as plain JSON-ready data, and its content hash over a canonical encoding."""

from __future__ import annotations

import hashlib
from decimal import Decimal
from typing import Any

from domain.canonical import canonical_json
from domain.rubric import Assignment, Item, Node, Rubric
from domain.rules import Falsification

JsonDict = dict[str, Any]


def number_text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def assignment_to_dict(assignment: Assignment) -> JsonDict:
    return {
        "deadline": assignment.deadline,
        "due": assignment.due.isoformat() if assignment.due else None,
        "lead": assignment.lead,
        "office": assignment.office,
        "people": list(assignment.people),
    }


def item_rule_to_dict(item: Item) -> JsonDict:
    return {
        "rule": item.rule.value,
        "step": str(item.step),
        "bands": [{"rate": str(b.rate), "points": str(b.points)} for b in item.bands],
        "deductions": [
            {
                "id": d.id,
                "text": d.text,
                "per": number_text(d.per),
                "cap": number_text(d.cap),
                "all_at": d.all_at,
                "range": None if d.per is not None else [str(d.low), str(d.high)],
            }
            for d in item.deductions
        ],
        "tiers": {t.id: str(t.points) for t in item.tiers},
        "conditions": [{"id": c.id, "text": c.text} for c in item.conditions],
        "target": item.target,
        "numeric_target": None
        if item.numeric_target is None
        else {
            "op": item.numeric_target.op,
            "value": str(item.numeric_target.value),
            "unit": item.numeric_target.unit,
        },
    }


def node_to_dict(node: Node) -> JsonDict:
    common: JsonDict = {
        "number": node.number,
        "max_points": number_text(node.max_points),
        "assignment": assignment_to_dict(node.assignment),
        "note": node.note,
    }
    if isinstance(node, Item):
        return {
            **common,
            "type": "item",
            "title": node.standard,
            "kind": node.kind.value,
            **item_rule_to_dict(node),
            "children": [],
        }
    return {
        **common,
        "type": "section",
        "title": node.title,
        "kind": node.kind.value if node.kind else "section",
        "children": [node_to_dict(child) for child in node.children],
    }


def rubric_to_dict(rubric: Rubric) -> JsonDict:
    """Everything a rubric says, in a stable shape (the `kaohe rubric show --format json` form);
    a workflow and deadlines only where declared, so older versions keep their content hash."""
    declared: JsonDict = {} if rubric.workflow is None else {"workflow": rubric.workflow.as_dict()}
    if rubric.deadlines is not None:
        declared["deadlines"] = {key: w.as_dict() for key, w in rubric.deadlines}
    return {
        "code": rubric.code,
        "version": rubric.version,
        "title": rubric.title,
        "source": rubric.source,
        "scored_level": rubric.scored_level.value,
        "period": rubric.period.value,
        "base_max": str(rubric.base_max),
        "pass_mark": number_text(rubric.pass_mark),
        "bonus_cap": number_text(rubric.bonus_cap),
        "step": str(rubric.step),
        "compliance_targets": {q: str(v) for q, v in rubric.compliance_targets},
        "summary": None
        if rubric.summary is None
        else {
            "title": rubric.summary.title,
            "columns": [{"label": c.label, "source": c.source} for c in rubric.summary.columns],
        },
        "decisions": list(rubric.decisions),
        "nodes": [node_to_dict(node) for node in rubric.nodes],
        **declared,
        **declared_rules(rubric),
    }


def declared_rules(rubric: Rubric) -> JsonDict:
    """What format 2 declares; a format 1 rubric says nothing more, so its hash stays as it
    was published."""
    if rubric.format == 1:
        return {}
    rule = rubric.falsification
    return {
        "format": rubric.format,
        "same_matter_bonus": rubric.same_matter_bonus.value,
        "falsification": None if rule is None else falsification_dict(rule),
    }


def falsification_dict(rule: Falsification) -> JsonDict:
    """A declared deduction line as it was first published (its hash unchanged), or a veto
    condition with its name."""
    if rule.line is not None:
        return {"item": rule.item, "line": rule.line}
    return {"item": rule.item, "condition": rule.condition, "name": rule.name}


def content_hash(rubric: Rubric) -> str:
    """SHA-256 over the canonical encoding of everything the rubric says."""
    return hashlib.sha256(canonical_json(rubric_to_dict(rubric))).hexdigest()
