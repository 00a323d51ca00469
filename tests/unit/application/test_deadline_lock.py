"""The window of a period on the bus: the self layer closes after the hand-up day unless the
town returns the sheet; a period's sheets open on its first day."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from uuid import UUID

import pytest

from application.commands import assessments as c
from application.commands.rubrics import PublishRubric
from domain.deadlines import WindowClosedError
from domain.entries import ItemEntry
from domain.workflow import Status
from infra.rubric_files import BUILTIN_DIR, read_definition
from tests.unit.application.conftest import full_sheet
from tests.unit.application.test_assessment_handlers import RUBRIC, Desk

APRIL_10 = datetime(2023, 4, 10, 1, 0, tzinfo=UTC)
MAY_1_IN_CHINA = datetime(2023, 4, 30, 16, 0, tzinfo=UTC)
"""Midnight in China as April ends: the first moment after Q1's hand-up day."""


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    found = Desk(tmp_path)
    found.kaohe.setup(PublishRubric(definition=read_definition(BUILTIN_DIR / f"{RUBRIC}.v2.yaml")))
    yield found
    found.kaohe.close()


def scored_q1(desk: Desk) -> UUID:
    """A Q1 sheet opened and filled in on 10 April, not yet submitted."""
    desk.clock.current = APRIL_10
    opened = c.OpenAssessment(unit="V1", rubric=RUBRIC, version=2, period="2023Q1")
    aid = desk.run("staff", opened).id
    desk.run("staff", c.SaveSheet(assessment_id=aid, entries=full_sheet(desk.kaohe, aid)))
    return aid


def test_a_station_changes_and_submits_its_sheet_until_the_hand_up_day(desk: Desk) -> None:
    aid = scored_q1(desk)
    desk.clock.current = datetime(2023, 4, 30, 15, 0, tzinfo=UTC)  # 23:00 in China
    desk.run("staff", c.Submit(assessment_id=aid))
    assert desk.sheet(aid).status is Status.SUBMITTED


def test_after_the_window_closes_a_change_is_refused_naming_the_window(desk: Desk) -> None:
    aid = scored_q1(desk)
    desk.clock.current = MAY_1_IN_CHINA
    before = desk.sheet(aid).version
    score = c.ScoreItem(assessment_id=aid, number="1", entry=ItemEntry(points=None))
    from_file = c.SaveSheetFile(
        assessment_id=aid,
        entries={"1": ItemEntry(points=None)},
        file_name="评分表.xlsx",
        sha256="0" * 64,
    )
    for refused in (score, from_file, c.Submit(assessment_id=aid)):
        with pytest.raises(WindowClosedError) as error:
            desk.run("staff", refused)
        assert "2023Q1" in error.value.message_zh and "2023-04-30" in error.value.message_zh
        assert "2023-04-30" in str(error.value)
    assert desk.sheet(aid).version == before


def test_a_sheet_the_town_returns_after_the_close_can_be_corrected_and_resubmitted(
    desk: Desk,
) -> None:
    aid = scored_q1(desk)
    desk.run("staff", c.Submit(assessment_id=aid))
    desk.clock.current = MAY_1_IN_CHINA
    desk.run("reviewer", c.ReturnAssessment(assessment_id=aid, reason="台账不全", items=("1",)))
    desk.run("staff", c.ScoreItem(assessment_id=aid, number="1", entry=ItemEntry(points=None)))
    desk.run("staff", c.SaveSheet(assessment_id=aid, entries=full_sheet(desk.kaohe, aid)))
    desk.run("staff", c.Submit(assessment_id=aid))
    desk.run("reviewer", c.Approve(assessment_id=aid))
    assert desk.sheet(aid).status is Status.APPROVED


def test_a_quarters_sheets_cannot_be_opened_before_its_window_opens(desk: Desk) -> None:
    desk.clock.current = APRIL_10
    opened = c.OpenAssessment(unit="V1", rubric=RUBRIC, version=2, period="2023Q3")
    with pytest.raises(WindowClosedError, match="2023-07-01"):
        desk.run("staff", opened)
