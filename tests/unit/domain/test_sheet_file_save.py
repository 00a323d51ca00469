"""A sheet saved from a file: each item it changes is one event naming the file (its name
and SHA-256), all checked before any is recorded; an unchanged item records nothing."""

from __future__ import annotations

import pytest

from domain.errors import DomainError, ScoringInputError
from domain.workflow import Layer
from tests.unit.domain.test_assessment import RUBRIC, entry, filled, opened, stamp

DIGEST = "AB" * 32


def test_each_changed_item_is_one_event_naming_the_file() -> None:
    a = filled()  # item 1 at 4, item 2 at 5
    before = len(a.pending_events)
    a.save_sheet_file(
        stamp(minute=5), RUBRIC, Layer.SELF, {"1": entry("4"), "2": entry("6")}, " 表.xlsx ", DIGEST
    )
    (event,) = a.pending_events[before:]
    assert type(event).__name__ == "ScoredFromFile"
    assert (event.item, event.file_name, event.sha256) == ("2", "表.xlsx", DIGEST.lower())
    assert event.previous == {"points": "5"} and event.entry == {"points": "6"}
    assert a.scorecard(RUBRIC).total == 10


def test_one_bad_entry_in_a_file_records_nothing() -> None:
    a = opened()
    with pytest.raises(ScoringInputError, match=r"item 2: points 7 are outside 0..6"):
        a.save_sheet_file(
            stamp(), RUBRIC, Layer.SELF, {"1": entry("4"), "2": entry("7")}, "f.xlsx", DIGEST
        )
    assert len(a.pending_events) == 1


@pytest.mark.parametrize(("name", "digest"), [("", DIGEST), ("f.xlsx", "abc")])
def test_a_file_must_be_named_and_hashed(name: str, digest: str) -> None:
    with pytest.raises(DomainError, match="file name and a SHA-256"):
        opened().save_sheet_file(stamp(), RUBRIC, Layer.SELF, {"1": entry("1")}, name, digest)
