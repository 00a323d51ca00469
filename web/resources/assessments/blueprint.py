"""The assessments blueprint and how an assessment is shown."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from application.bus import Outcome
from application.errors import NotFoundError
from domain.assessment import Assessment
from domain.deadlines import timeliness
from domain.layers import counting_layers
from domain.rubric import Rubric
from domain.unit import Unit
from domain.workflow import Layer
from projections.tables.wording import result_words
from web.context import queries, unit_of_work
from web.resources.common import versioned
from web.smorest import api_blueprint

blp = api_blueprint(
    "assessments",
    __name__,
    url_prefix="/api/v1/assessments",
    description="Assessments (考核): scoring sheets and their workflow",
)


def assessment_json(a: Assessment, as_of: datetime | None = None) -> dict[str, Any]:
    rubric = queries().assessments.rubric_of(a)
    card = a.scorecard(rubric)
    layers = counting_layers(a.layers)
    items = [
        {
            "number": s.number,
            "kind": s.kind.value,
            "points": None if s.points is None else str(s.points),
            "layer": layers[s.number].value if s.number in layers else None,
            "explanation": list(s.explanation),
        }
        for s in card.items
    ]
    return {
        "id": a.id,
        "unit": unit_of_work().load(Unit, a.unit_id, f"unit {a.unit_id}").code,
        "rubric": {
            "code": a.rubric_code,
            "version": a.rubric_version,
            "content_hash": a.rubric_hash,
        },
        "period": a.period,
        "status": a.status.value,
        "version": a.version,
        "as_of": as_of,
        "changed_at": a.modified_on,
        "layers": {layer.value: a.layers[layer.value] for layer in Layer},
        "item_versions": {layer.value: a.item_versions[layer.value] for layer in Layer},
        "evidence": [e.to_data() for e in a.evidence],
        "findings": [f.to_data() for f in a.findings],
        "returned_items": a.returned_items,
        "submitted_by": a.submitted_by,
        "opened_by": a.opened_by,
        "scored_by": {layer.value: a.scored_by[layer.value] for layer in Layer},
        "assigned": {s: {"inspector": i, "name": n} for s, (i, n) in a.assigned.items()},
        "deadlines": deadlines_json(a, rubric, as_of or queries().log.now()),
        "score": {
            "base": str(card.base),
            "bonus": str(card.bonus),
            "deductions": str(card.deductions),
            "special": str(card.special),
            "total": str(card.total),
            "result": card.result.value,
            "result_label": result_words(card.result.value, card.vetoed_for),
            "vetoed_for": list(card.vetoed_for),
            "unscored": list(card.unscored),
            "items": items,
        },
    }


def deadlines_json(a: Assessment, rubric: Rubric, now: datetime) -> dict[str, Any] | None:
    """The period's window and whether the sheet was handed up and reviewed in time (None:
    the rubric declares no deadlines)."""
    window = a.window(rubric)
    if window is None:
        return None
    submitted = timeliness(window.submission, a.first_submitted_at, now)
    reviewed = timeliness(window.review, a.first_reviewed_at, now)
    extension = {} if window.extended_to is None else {"extended_to": window.extended_to}
    return {
        "opens": window.opens,
        "submission": window.submission,
        "review": window.review,
        "hand_up": window.hand_up,
        **extension,
        "submitted": submitted.value if submitted else None,
        "reviewed": reviewed.value if reviewed else None,
    }


def item_json(a: Assessment, number: str) -> dict[str, Any]:
    """One item of a sheet: its entry and the version it last changed at in each layer; its
    own version (its ETag) is the latest of those."""
    if queries().assessments.rubric_of(a).item(number) is None:
        raise NotFoundError(f"assessment {a.id} has no item {number[:64]!r}")
    return {
        "number": number,
        "version": item_version(a, number),
        "layers": {layer.value: a.layers[layer.value].get(number) for layer in Layer},
        "versions": {layer.value: a.item_versions[layer.value].get(number) for layer in Layer},
    }


def item_version(a: Assessment, number: str) -> int:
    """The sheet's version at which the item last changed, in any layer."""
    return max(a.item_version(layer, number) for layer in Layer)


def answer(outcome: Outcome, status: int = 200) -> tuple[dict[str, Any], int, dict[str, str]]:
    """The assessment the command saved (or first saved, when its key is repeated)."""
    a = outcome.aggregate
    assert isinstance(a, Assessment)
    return versioned(assessment_json(a), outcome.version, status)
