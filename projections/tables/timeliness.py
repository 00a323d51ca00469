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
from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from domain.deadlines import TIMELINESS_WORDS, Timeliness, Window, timeliness, window_of
from domain.rubric import Rubric
from projections.scores import ScoreRow


@dataclass(frozen=True)
class Step:
    """A step a deadline judges: its due day in the window, when a sheet first did it, and
    the word for a sheet that has not."""

    due: Callable[[Window], date | None]
    done_at: Callable[[ScoreRow], datetime | None]
    not_done: str


SUBMISSION = Step(lambda w: w.submission, lambda r: r.submitted_at, "未提交")
"""Handed up: the first submission against the submission deadline."""
REVIEW = Step(lambda w: w.review, lambda r: r.reviewed_at, "未审核")
"""Reviewed: the first approval or return against the review deadline."""


def judged(step: Step, window: Window | None, row: ScoreRow) -> Timeliness | None:
    """On time or late once done; None before it is done or without deadlines."""
    done = step.done_at(row)
    if window is None or done is None:
        return None
    return timeliness(step.due(window), done, done)


def step_word(step: Step, rubric: Rubric, row: ScoreRow) -> str | None:
    """按时 / 逾期 / 未提交 (未审核) for a sheet (None: the rubric declares no deadlines)."""
    window = window_of(rubric, row.head.period)
    if window is None:
        return None
    found = judged(step, window, row)
    return step.not_done if found is None else TIMELINESS_WORDS[found]


def on_time(rubric: Rubric, rows: Iterable[ScoreRow], step: Step = SUBMISSION) -> frozenset[UUID]:
    """The units whose sheet (of these) did the step by its deadline."""
    return frozenset(
        r.head.unit_id
        for r in rows
        if judged(step, window_of(rubric, r.head.period), r) is Timeliness.ON_TIME
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
