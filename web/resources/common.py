"""What every resource shares: versions in headers, reasons, as_of, and write responses."""

from __future__ import annotations

from typing import Any

import marshmallow as ma
from marshmallow import validate

from domain.workflow import PERIOD_PATTERN, RULE, period_problem

IF_MATCH = {
    "in": "header",
    "name": "If-Match",
    "required": True,
    "description": (
        'The version you read (the ETag), a whole number in double quotes, like "26" '
        '(W/"26" and a bare 26 are also taken); without it 428, with a stale one 412.'
    ),
    "schema": {"type": "string", "pattern": '^"[0-9]{1,9}"$', "example": '"26"'},
}
IDEMPOTENCY_KEY = {
    "in": "header",
    "name": "Idempotency-Key",
    "required": False,
    "description": (
        "A key of your choice, one token of 1 to 200 visible ASCII characters (no spaces): "
        "a repeat of the same request with it returns the first response and stores nothing; "
        "the same key with another request is refused with 409."
    ),
    "schema": {"type": "string", "pattern": "^[!-~]{1,200}$", "example": "open-0101-2023q2"},
}
ITEM_IF_MATCH = IF_MATCH | {
    "description": (
        'A version in double quotes, like "26": the item\'s ETag (GET .../items/{number}), '
        "its entry in `item_versions` of the sheet, or any later version of the sheet (such "
        "as the sheet's ETag when you read it). Changes of other items since do not refuse "
        "the change; a change of this item in your layer since that version does: 412, with "
        "`changed` naming the item, the layer and the version it changed at. Without it 428."
    ),
}
"""If-Match of a change of one item (or of the items of a sheet save): the item's version."""
WRITE = {"parameters": [IF_MATCH, IDEMPOTENCY_KEY]}
"""The documented headers of a POST that changes an existing resource."""
CREATE = {"parameters": [IDEMPOTENCY_KEY]}
"""The documented headers of a POST that creates something."""
UPDATE = {"parameters": [IF_MATCH]}
"""The documented headers of a PUT or DELETE that changes an existing resource."""
ITEM_WRITE = {"parameters": [ITEM_IF_MATCH, IDEMPOTENCY_KEY]}
"""The documented headers of a POST that changes one item of a sheet."""
ITEM_UPDATE = {"parameters": [ITEM_IF_MATCH]}
"""The documented headers of a PUT that changes items of a sheet."""

TEXT = validate.Length(min=1, max=2000)
CODE = validate.Length(min=1, max=64)


def real_period(value: str) -> None:
    """A quarter or year the service knows (the domain's rule); the field's error says why not."""
    problem = period_problem(value)
    if problem is not None:
        raise ma.ValidationError(problem.english)


def period_field(required: bool = False) -> ma.fields.String:
    """A period: the domain's rule, published in the document as a pattern."""
    return ma.fields.String(
        required=required,
        validate=real_period,
        metadata={"pattern": PERIOD_PATTERN, "description": RULE, "example": "2023Q2"},
    )


class ReasonSchema(ma.Schema):
    reason = ma.fields.String(required=True, validate=TEXT, metadata={"description": "why"})


class AsOfSchema(ma.Schema):
    as_of = ma.fields.AwareDateTime(
        metadata={"description": "read it as it stood at this moment (ISO 8601 with zone)"}
    )


def versioned(data: Any, version: int, status: int = 200) -> tuple[Any, int, dict[str, str]]:
    """A representation with its version as the ETag."""
    return data, status, {"ETag": f'"{version}"'}
