"""The assessment workflow: statuses, score layers, and which action each status allows."""

from __future__ import annotations

import re
from enum import StrEnum

from domain.audit import DomainError
from domain.rubric import PeriodKind


class Status(StrEnum):
    """Where a sheet stands: filled by the station, reviewed by the town, checked, locked."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    APPROVED = "approved"
    FINALIZED = "finalized"


class Layer(StrEnum):
    """The three layers of a score: self (自评), review (初审/验收), verification (抽查复核)."""

    SELF = "self"
    REVIEW = "review"
    VERIFICATION = "verification"


PRECEDENCE = (Layer.VERIFICATION, Layer.REVIEW, Layer.SELF)
"""The highest layer present counts."""

LAYER_OPEN_IN = {
    Layer.SELF: (Status.DRAFT, Status.RETURNED),
    Layer.REVIEW: (Status.SUBMITTED,),
    Layer.VERIFICATION: (Status.APPROVED,),
}

ACTION_ALLOWED_IN = {
    "submit": (Status.DRAFT, Status.RETURNED),
    "return": (Status.SUBMITTED,),
    "approve": (Status.SUBMITTED,),
    "record a finding on": (Status.APPROVED,),
    "finalize": (Status.APPROVED,),
    "reopen": (Status.APPROVED, Status.FINALIZED),
    "attach evidence to": (Status.DRAFT, Status.RETURNED, Status.SUBMITTED, Status.APPROVED),
}

QUARTER = re.compile(r"^(\d{4})Q([1-4])$")
YEAR = re.compile(r"^\d{4}$")


def check_action(status: Status, action: str) -> None:
    allowed = ACTION_ALLOWED_IN[action]
    if status not in allowed:
        raise DomainError(
            f"cannot {action} an assessment that is {status.value}; "
            f"allowed when {' or '.join(s.value for s in allowed)}"
        )


def check_layer(status: Status, layer: Layer) -> None:
    allowed = LAYER_OPEN_IN[layer]
    if status not in allowed:
        raise DomainError(
            f"cannot score the {layer.value} layer of an assessment that is {status.value}; "
            f"the {layer.value} layer is open when {' or '.join(s.value for s in allowed)}"
        )


def check_period(period: str, kind: PeriodKind) -> str:
    pattern, example = (QUARTER, "2023Q2") if kind is PeriodKind.QUARTER else (YEAR, "2023")
    if not pattern.match(period):
        raise DomainError(
            f"period {period!r} does not fit a {kind.value} rubric; write it like {example}"
        )
    return period
