"""The home page's deadline reminders: sheets whose submission or review falls due within a
week, and those overdue (China time), for the people who have to act on them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol

from domain.deadlines import Window, window_of
from domain.rubric import Rubric
from projections.scores import ScoreRow

SOON = timedelta(days=7)


class Line(Protocol):
    @property
    def row(self) -> ScoreRow: ...
    @property
    def rubric(self) -> Rubric: ...


@dataclass(frozen=True)
class Reminder:
    """One step of one sheet that falls due soon or is overdue."""

    sheet: Line
    step: str
    due: date
    days: int
    """Days left (0: due today); negative: days overdue."""
    closes: date

    @property
    def words(self) -> str:
        if self.days < 0:
            return f"已逾期 {-self.days} 天"
        return "今天到期" if self.days == 0 else f"{self.days} 天后到期"

    @property
    def overdue(self) -> bool:
        return self.days < 0


def reminders(to_fill: Sequence[Line], to_review: Sequence[Line], day: date) -> list[Reminder]:
    """Sheets to hand up (by the submission deadline) and to review (by the review deadline)
    that are due within a week or overdue while their window is still open, soonest first."""
    found = [
        *(r for s in to_fill if (r := _reminder(s, "自评提交", day, submission=True))),
        *(r for s in to_review if (r := _reminder(s, "审核", day, submission=False))),
    ]
    return sorted(found, key=lambda r: (r.due, r.step))


def _reminder(sheet: Line, step: str, day: date, submission: bool) -> Reminder | None:
    window: Window | None = window_of(sheet.rubric, sheet.row.head.period)
    if window is None or day > window.closes:
        return None
    due = window.submission if submission else window.review
    if due - day > SOON:
        return None
    return Reminder(sheet, step, due, (due - day).days, window.closes)
