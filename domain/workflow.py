"""The assessment workflow: statuses, score layers, and which step each status opens."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from domain.errors import DomainError, FieldError
from domain.levels import PeriodKind
from domain.steps import Action


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

STEP_OPEN_IN: Mapping[Action, tuple[Status, ...]] = {
    Action.SUBMIT: (Status.DRAFT, Status.RETURNED),
    Action.RETURN: (Status.SUBMITTED,),
    Action.APPROVE: (Status.SUBMITTED,),
    Action.RECORD_FINDING: (Status.APPROVED,),
    Action.FINALIZE: (Status.APPROVED,),
    Action.REOPEN: (Status.APPROVED, Status.FINALIZED),
    Action.ATTACH_EVIDENCE: (Status.DRAFT, Status.RETURNED, Status.SUBMITTED, Status.APPROVED),
    Action.ASSIGN_SECTIONS: (Status.DRAFT, Status.RETURNED, Status.SUBMITTED),
    Action.EXTEND_WINDOW: (Status.DRAFT, Status.RETURNED, Status.SUBMITTED),
}
"""The workflow's steps and the statuses each is open in (scoring: `LAYER_OPEN_IN`)."""

STEP_VERBS: Mapping[Action, str] = {
    Action.SUBMIT: "submit",
    Action.RETURN: "return",
    Action.APPROVE: "approve",
    Action.RECORD_FINDING: "record a finding on",
    Action.FINALIZE: "finalize",
    Action.REOPEN: "reopen",
    Action.ATTACH_EVIDENCE: "attach evidence to",
    Action.ASSIGN_SECTIONS: "assign the sections of",
    Action.EXTEND_WINDOW: "extend the window of",
}
"""How a refusal names each step: "cannot <verb> an assessment that is …"."""

QUARTER = re.compile(r"^(\d{4})Q([1-4])$")
YEAR = re.compile(r"^\d{4}$")
"""The shapes of stored periods, for reading them back; new periods must also be real."""

FIRST_YEAR, LAST_YEAR = 2000, 2099
"""The years a period may name: the scoring tables began in the 2020s and no form is kept for
a century, so a year outside these is a typing slip (0000, 9999), not a plan."""
PERIOD_PATTERN = "^20[0-9]{2}(Q[1-4])?$"
"""The rule as a regular expression (for the OpenAPI document): exactly the real periods."""
YEARS = f"{FIRST_YEAR}–{LAST_YEAR}"
RULE = f"a quarter like 2023Q2 (Q1 to Q4) or a year like 2023, in the years {YEARS}"
RULE_ZH = f"季度写作 2023Q2（Q1 至 Q4），年度写作 2023，年份在 {YEARS} 之间"
KIND_EXAMPLE = {PeriodKind.QUARTER: ("2023Q2", "季度"), PeriodKind.YEAR: ("2023", "年度")}


@dataclass(frozen=True)
class PeriodProblem:
    """Why a period is refused, in English and in Chinese."""

    english: str
    chinese: str


def step_open(status: Status, step: Action) -> bool:
    """Whether a sheet in this status takes the workflow step (the pages offer it then)."""
    if step not in STEP_OPEN_IN:
        raise ValueError(f"{step.value} is not a step of an assessment's workflow")
    return status in STEP_OPEN_IN[step]


def check_step(status: Status, step: Action) -> None:
    if not step_open(status, step):
        allowed = STEP_OPEN_IN[step]
        raise DomainError(
            f"cannot {STEP_VERBS[step]} an assessment that is {status.value}; "
            f"allowed when {' or '.join(s.value for s in allowed)}"
        )


def check_layer(status: Status, layer: Layer) -> None:
    allowed = LAYER_OPEN_IN[layer]
    if status not in allowed:
        raise DomainError(
            f"cannot score the {layer.value} layer of an assessment that is {status.value}; "
            f"the {layer.value} layer is open when {' or '.join(s.value for s in allowed)}"
        )


def period_problem(period: str, kind: PeriodKind | None = None) -> PeriodProblem | None:
    """None for a real period (of the rubric's kind, when one is given), else why not."""
    if not re.fullmatch(PERIOD_PATTERN, period):
        return PeriodProblem(
            f"period {period!r} is not a real period; write {RULE}",
            f"“{period}”不是有效的期间：{RULE_ZH}。",
        )
    if kind is not None and (QUARTER.match(period) is None) == (kind is PeriodKind.QUARTER):
        example, words = KIND_EXAMPLE[kind]
        return PeriodProblem(
            f"period {period!r} does not fit a {kind.value} rubric; write it like {example}",
            f"该评分表按{words}考核：期间应写作{words}，如 {example}。",
        )
    return None


def check_period(period: str, kind: PeriodKind | None = None) -> str:
    """The period, if it is real and of the rubric's kind; a FieldError saying why not."""
    problem = period_problem(period, kind)
    if problem is not None:
        raise FieldError("period", problem.english, problem.chinese)
    return period
