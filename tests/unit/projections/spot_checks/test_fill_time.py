"""The time to fill a sheet: from its opening to its first submission, against 15 seconds
for each item the station scored; fires on a sheet rushed through, not on one filled with
care, nor on a resubmission after a return."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import given
from hypothesis import strategies as st

from projections.spot_checks.fill_time import fill_time
from projections.spot_checks.settings import RiskSettings
from tests.unit.projections.spot_checks.stories import Story, scope

SETTINGS = RiskSettings()


def filled_in(seconds: int) -> Story:
    """Ten items scored, then submitted `seconds` after the opening."""
    story = Story("V1").opened()
    start = story.at
    for n in range(1, 11):
        story.score(str(n), "10", at=start + timedelta(seconds=seconds * n / 11))
    return story.submitted(at=start + timedelta(seconds=seconds))


def test_a_sheet_of_ten_items_submitted_two_minutes_after_opening_fires() -> None:
    story = filled_in(120)
    [signal] = fill_time(scope([story]), SETTINGS)
    assert signal.subject_id == str(story.assessment_id)
    assert signal.figures == {"seconds": "120", "items": "10", "least_seconds": "150"}
    assert signal.explanation == (
        "站V1的评分表从新建到提交仅用 2 分钟，填报了 10 项；"
        "按每项至少 15 秒核对台账计，至少需要 2 分 30 秒"
    )
    assert [e.event for e in signal.events] == ["Opened", "Submitted"]


def test_a_resubmission_soon_after_a_return_is_not_filling_a_sheet() -> None:
    story = filled_in(3600).returned()
    story.score("3", "9").submitted()
    assert not list(fill_time(scope([story]), SETTINGS))


def test_a_short_sheet_or_one_never_submitted_is_not_judged() -> None:
    short = Story("V2").opened().score("1", "10").score("2", "10").submitted()
    draft = Story("V3").opened().sheet()
    assert not list(fill_time(scope([short, draft]), SETTINGS))


@given(st.integers(min_value=1, max_value=4000), st.integers(min_value=1, max_value=60))
def test_it_fires_exactly_when_the_sheet_took_less_than_its_least_time(
    seconds: int, per_item: int
) -> None:
    settings = RiskSettings(fill_seconds_per_item=per_item)
    fired = list(fill_time(scope([filled_in(seconds)]), settings))
    assert bool(fired) == (seconds < 10 * per_item)
