"""The sheet's deadlines as its page shows them: each due day, and whether the step was done
in time (按时 / 逾期), not done and overdue, or still due (China time)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from domain.assessment import Assessment
from domain.china_time import china_day
from domain.deadlines import TIMELINESS_WORDS, Timeliness, timeliness
from domain.rubric import Rubric


@dataclass(frozen=True)
class DeadlineLine:
    """One deadline of a sheet: its name, its day, and how it stands (words, and late or not)."""

    label: str
    due: date
    words: str
    late: bool

    @property
    def day(self) -> str:
        return f"{self.due.year}年{self.due.month}月{self.due.day}日"


def deadline_lines(a: Assessment, rubric: Rubric, now: datetime) -> list[DeadlineLine]:
    """Submission and review deadlines and the window's close (none without deadlines)."""
    window = a.window(rubric)
    if window is None:
        return []
    steps = (
        ("自评提交截止", window.submission, a.first_submitted_at),
        ("审核截止", window.review, a.first_reviewed_at),
    )
    lines = [_line(label, due, done, now) for label, due, done in steps]
    closed = china_day(now) > window.closes
    words = "窗口已关闭，自评不能再修改或提交（上级退回后可更正）" if closed else "窗口开放中"
    lines.append(DeadlineLine("上报截止", window.hand_up, words, False))
    if window.extended_to is not None:
        lines.append(DeadlineLine("延长期限至", window.extended_to, words, False))
    return lines


def _line(label: str, due: date, done: datetime | None, now: datetime) -> DeadlineLine:
    found = timeliness(due, done, now)
    assert found is not None
    late = found in (Timeliness.LATE, Timeliness.OVERDUE)
    return DeadlineLine(label, due, TIMELINESS_WORDS[found], late)
