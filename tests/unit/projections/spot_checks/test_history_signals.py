"""Signals from the history: each fires on a history made to show it, and not on a near
miss."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from projections.spot_checks.history_signals import (
    deadline,
    edits_before_deadline,
    raised_after_return,
    scoring_burst,
)
from projections.spot_checks.settings import RiskSettings
from tests.unit.projections.spot_checks.stories import START, Story, scope

SETTINGS = RiskSettings()
BEIJING = timezone(timedelta(hours=8))


def returned_then(*, evidence: bool, raise_to: str = "9") -> Story:
    story = Story("V1").opened().sheet({"3": "6"}).submitted()
    story.score("3", "4", layer="review", actor="town").returned()
    if evidence:
        story.event("EvidenceAttached")
    return story.score("3", raise_to).submitted()


def test_a_score_raised_after_a_return_without_evidence_fires() -> None:
    story = returned_then(evidence=False)
    [signal] = raised_after_return(scope([story]), SETTINGS)
    assert signal.subject == "assessment"
    assert signal.explanation.startswith("站V1的评分表于2023年6月1日")
    assert (
        "被退回后，站点自行调高了得分（第3项 6 → 9 分），其间没有补充佐证材料" in signal.explanation
    )
    assert [e.event for e in signal.events] == ["Returned", "ItemScored", "Submitted"]
    assert [e.version for e in signal.events] == [14, 15, 16]


def test_a_score_raised_after_a_return_by_an_uploaded_sheet_file_fires_too() -> None:
    story = Story("V1").opened().sheet({"3": "6"}).submitted()
    story.score("3", "4", layer="review", actor="town").returned()
    story.score("3", "9", event="ScoredFromFile").submitted()
    [signal] = raised_after_return(scope([story]), SETTINGS)
    assert [e.event for e in signal.events] == ["Returned", "ScoredFromFile", "Submitted"]


def test_a_raise_with_new_evidence_or_a_lowered_score_does_not_fire() -> None:
    assert not list(raised_after_return(scope([returned_then(evidence=True)]), SETTINGS))
    lowered = returned_then(evidence=False, raise_to="5")
    assert not list(raised_after_return(scope([lowered]), SETTINGS))


def test_the_default_deadlines_are_seed_002s_month_ends_in_beijing_time() -> None:
    assert deadline("2023Q1", SETTINGS) == datetime(2023, 5, 1, tzinfo=BEIJING)
    assert deadline("2023Q2", SETTINGS) == datetime(2023, 7, 1, tzinfo=BEIJING)
    assert deadline("2023Q4", SETTINGS) == datetime(2024, 1, 1, tzinfo=BEIJING)
    assert deadline("2023", SETTINGS) == datetime(2024, 1, 1, tzinfo=BEIJING)
    custom = RiskSettings(deadlines={"2023Q2": "2023-06-28T17:00:00+08:00"})
    assert deadline("2023Q2", custom) == datetime(2023, 6, 28, 17, tzinfo=BEIJING)


def test_edits_in_the_last_hour_before_the_deadline_fire() -> None:
    due = datetime(2023, 7, 1, tzinfo=BEIJING)
    story = Story("V1").opened().sheet().submitted()
    story.score("2", "8", layer="review", actor="town", at=due - timedelta(minutes=59))
    story.score("4", "8", layer="review", actor="town", at=due - timedelta(minutes=5))
    [signal] = edits_before_deadline(scope([story]), SETTINGS)
    assert signal.figures["edits"] == "2"
    assert signal.explanation == (
        "站V1的评分表在截止时间（2023年7月1日 00:00:00）前 60 分钟内改动了 2 处得分"
    )
    assert [e.version for e in signal.events] == [13, 14]


def test_edits_earlier_or_after_the_deadline_do_not_fire() -> None:
    due = datetime(2023, 7, 1, tzinfo=BEIJING)
    story = Story("V1").opened().sheet().submitted()
    story.score("2", "8", layer="review", actor="town", at=due - timedelta(minutes=61))
    story.event("Approved", "approved", actor="town", at=due - timedelta(minutes=30))
    story.score("2", "7", layer="verification", actor="county", at=due + timedelta(days=3))
    assert not list(edits_before_deadline(scope([story]), SETTINGS))


def sheets_scored_by_one_account(minutes_apart: int, count: int) -> list[Story]:
    stories = []
    for n in range(count):
        at = START + timedelta(minutes=minutes_apart * n)
        story = Story(f"V{n}").opened()
        story.score("1", "10", layer="self", actor="fast.hand", at=at)
        stories.append(story)
    return stories


def test_one_account_scoring_many_sheets_in_little_time_fires() -> None:
    [signal] = scoring_burst(scope(sheets_scored_by_one_account(2, 6)), SETTINGS)
    assert signal.subject == "account" and signal.subject_id == "fast.hand"
    assert signal.figures == {"sheets": "6", "minutes": "10"}
    assert signal.explanation == "王快手在 10 分钟内为 6 张评分表打分（阈值：15 分钟内 5 张）"
    assert len(signal.events) == 6 and len(signal.assessments) == 6


def test_the_same_sheets_spread_over_the_day_do_not_fire() -> None:
    assert not list(scoring_burst(scope(sheets_scored_by_one_account(20, 6)), SETTINGS))
    # nor four sheets in a burst, below the threshold of five
    assert not list(scoring_burst(scope(sheets_scored_by_one_account(1, 4)), SETTINGS))
