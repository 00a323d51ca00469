"""Whether sheets were handed up in time (报送及时): by their window's submission deadline
(see `domain.deadlines`).

A sheet counts as handed up on time when its first submission fell on or before the
submission deadline in China's time; a sheet sent back and submitted again keeps its first
submission's timeliness. The timeliness rate (及时率) is on time ÷ due, in percent: due are
the stations the compliance table counts, so a station that has not handed up counts
against it, as DHIS2 counts "timely submissions" against expected reports.

A review counts as done on time when the reviewing level first approved or returned the sheet
on or before the review deadline; the review timeliness rate (审核及时率) is reviewed on time ÷
the same stations, so a sheet not handed up, or handed up and not reviewed, counts against it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from uuid import UUID

from domain.deadlines import TIMELINESS_WORDS, Timeliness, Window, timeliness, window_of
from domain.rubric import Rubric
from projections.scores import ScoreRow

NOT_SUBMITTED = "未提交"
NOT_REVIEWED = "未审核"


def submission_timeliness(window: Window | None, row: ScoreRow) -> Timeliness | None:
    """On time or late once submitted; None before submission or without deadlines."""
    if window is None or row.submitted_at is None:
        return None
    return timeliness(window.submission, row.submitted_at, row.submitted_at)


def submission_word(rubric: Rubric, row: ScoreRow) -> str | None:
    """按时 / 逾期 / 未提交 for a sheet (None: the rubric declares no deadlines)."""
    window = window_of(rubric, row.head.period)
    if window is None:
        return None
    found = submission_timeliness(window, row)
    return NOT_SUBMITTED if found is None else TIMELINESS_WORDS[found]


def review_timeliness(window: Window | None, row: ScoreRow) -> Timeliness | None:
    """On time or late once first approved or returned; None before or without deadlines."""
    if window is None or row.reviewed_at is None:
        return None
    return timeliness(window.review, row.reviewed_at, row.reviewed_at)


def review_word(rubric: Rubric, row: ScoreRow) -> str | None:
    """按时 / 逾期 / 未审核 for a sheet's review (None: the rubric declares no deadlines)."""
    window = window_of(rubric, row.head.period)
    if window is None:
        return None
    found = review_timeliness(window, row)
    return NOT_REVIEWED if found is None else TIMELINESS_WORDS[found]


Judged = Callable[[Window | None, ScoreRow], Timeliness | None]


def on_time(
    rubric: Rubric, rows: Iterable[ScoreRow], judged: Judged = submission_timeliness
) -> frozenset[UUID]:
    """The units whose sheet (of these) was submitted (or, with `review_timeliness`,
    reviewed) by its deadline."""
    return frozenset(
        r.head.unit_id
        for r in rows
        if judged(window_of(rubric, r.head.period), r) is Timeliness.ON_TIME
    )


def timely_note(rubric: Rubric, period: str) -> str:
    """How the timeliness rate is counted, with the period's submission deadline."""
    window = window_of(rubric, period)
    day = "" if window is None else f" {window.submission.isoformat()}"
    review = "" if window is None else f" {window.review.isoformat()}"
    return (
        f"及时率＝按时报送数÷服务站数；按时指首次提交不晚于提交截止日{day}；"
        f"审核及时率＝按时审核数÷服务站数；按时审核指首次审核（通过或退回）不晚于审核截止日{review}"
    )
