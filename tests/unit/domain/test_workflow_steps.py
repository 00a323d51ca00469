"""Which status opens which step: one table, read by the assessment and by the pages."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from domain.assessment import Assessment
from domain.errors import DomainError
from domain.steps import Action
from domain.workflow import Status, step_open
from tests.unit.domain.test_assessment import (
    HASH,
    RUBRIC,
    approved,
    filled,
    finalized,
    stamp,
    submitted,
)

STEPS: dict[Action, Callable[[Assessment], object]] = {
    Action.SUBMIT: lambda a: a.submit(stamp(minute=9), RUBRIC),
    Action.RETURN: lambda a: a.return_to_unit(stamp("town", 9), RUBRIC, "补材料", []),
    Action.APPROVE: lambda a: a.approve(stamp("town", 9)),
    Action.RECORD_FINDING: lambda a: a.record_finding(
        stamp("county", 9), RUBRIC, "none", [], [], "无问题"
    ),
    Action.FINALIZE: lambda a: a.finalize(stamp("county", 9)),
    Action.REOPEN: lambda a: a.reopen(stamp("city", 9), "复核"),
    Action.ATTACH_EVIDENCE: lambda a: a.attach_evidence(stamp(minute=9), RUBRIC, "f.pdf", 1, HASH),
}


def test_each_status_opens_the_steps_of_its_stage() -> None:
    def opened_in(status: Status) -> set[Action]:
        return {step for step in STEPS if step_open(status, step)}

    assert opened_in(Status.DRAFT) == {Action.SUBMIT, Action.ATTACH_EVIDENCE}
    assert opened_in(Status.SUBMITTED) == {Action.RETURN, Action.APPROVE, Action.ATTACH_EVIDENCE}
    assert opened_in(Status.APPROVED) == {
        *(Action.RECORD_FINDING, Action.FINALIZE, Action.REOPEN, Action.ATTACH_EVIDENCE),
    }
    assert opened_in(Status.FINALIZED) == {Action.REOPEN}


@pytest.mark.parametrize("build", [filled, submitted, approved, finalized])
@pytest.mark.parametrize("step", list(STEPS))
def test_a_step_is_offered_exactly_when_the_assessment_takes_it(
    build: Callable[[], Assessment], step: Action
) -> None:
    a = build()
    try:
        STEPS[step](a)
        taken = True
    except DomainError as refused:
        assert "cannot" in str(refused)
        taken = f"an assessment that is {a.status.value}" not in str(refused)
    assert taken is step_open(build().status, step)


def test_a_step_outside_the_workflow_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match=r"units.manage is not a step of an assessment"):
        step_open(Status.DRAFT, Action.MANAGE_UNITS)
