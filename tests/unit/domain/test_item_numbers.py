"""Every item number a sheet takes in (evidence, return reasons, findings, deductions, scores)
must be an item of the sheet's rubric; anything else is refused naming the item and the
rubric, and records nothing."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.assessment import Assessment
from domain.errors import DomainError, ScoringInputError
from domain.workflow import Layer
from tests.unit.domain.test_assessment import (
    HASH,
    RUBRIC,
    approved,
    entry,
    filled,
    stamp,
    submitted,
)

KNOWN = {i.number for i in RUBRIC.items()}
UNKNOWN = st.text(min_size=1, max_size=6).filter(lambda n: n not in KNOWN)


def refuses(a: Assessment, command: Callable[[Assessment], object], number: str) -> None:
    version = a.version
    with pytest.raises((DomainError, ScoringInputError)) as refused:
        command(a)
    assert repr(number) in str(refused.value) or f"item {number}:" in str(refused.value)
    assert f"{RUBRIC.code} v{RUBRIC.version}" in str(refused.value)
    assert a.version == version


@given(UNKNOWN)
def test_evidence_for_an_item_not_in_the_rubric_is_refused(number: str) -> None:
    a = filled()
    refuses(a, lambda s: s.attach_evidence(stamp(), RUBRIC, "a.pdf", 1, HASH, number), number)


@given(UNKNOWN)
def test_a_return_naming_an_item_not_in_the_rubric_is_refused(number: str) -> None:
    a = submitted()
    refuses(a, lambda s: s.return_to_unit(stamp("town"), RUBRIC, "补充", ["1", number]), number)


@given(UNKNOWN)
def test_a_finding_on_an_item_not_in_the_rubric_is_refused(number: str) -> None:
    a = approved()
    refuses(
        a, lambda s: s.record_finding(stamp("county"), RUBRIC, "none", [number], [], "x"), number
    )


@pytest.mark.parametrize(
    "command",
    [
        lambda a: a.apply_deduction(stamp(), RUBRIC, "999", Layer.SELF, "x", 1, None, "x"),
        lambda a: a.score_item(stamp(), RUBRIC, "999", Layer.SELF, entry("1"), "x"),
        lambda a: a.raise_veto(stamp(), RUBRIC, "999", Layer.SELF, "1", "x"),
    ],
)
def test_a_score_deduction_or_veto_on_an_item_not_in_the_rubric_is_refused(
    command: Callable[[Assessment], object],
) -> None:
    refuses(filled(), command, "999")


def test_evidence_for_an_item_of_the_rubric_or_for_the_whole_sheet_is_kept() -> None:
    a = filled()
    a.attach_evidence(stamp(), RUBRIC, "a.pdf", 1, HASH, "2")
    a.attach_evidence(stamp(), RUBRIC, "b.pdf", 1, HASH)
    assert [e.item for e in a.evidence] == ["2", None]
