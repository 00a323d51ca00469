"""An assessment's timeline marks the hand-up and the review that came after their deadline:
the first submission, and the first approval or return (China time)."""

from __future__ import annotations

from dataclasses import replace

from domain.assessment import Assessment
from domain.deadlines import Timeliness, timeliness, window_of
from domain.rubric import Rubric
from projections.event_words import name_of
from web.pages.timeline.lines import Line

SUBMITTED = name_of(Assessment.Submitted)
REVIEWED = (name_of(Assessment.Approved), name_of(Assessment.Returned))


def mark_late(lines: list[Line], rubric: Rubric, period: str) -> list[Line]:
    """The lines, with 逾期 noted on a first submission or first review made after its day."""
    window = window_of(rubric, period)
    if window is None:
        return lines
    firsts = {
        "提交": next((line for line in lines if line.name == SUBMITTED), None),
        "审核": next((line for line in lines if line.name in REVIEWED), None),
    }
    due = {"提交": window.submission, "审核": window.review}
    late = {
        id(line): f"逾期：{step}截止日为 {due[step].isoformat()}"
        for step, line in firsts.items()
        if line is not None and timeliness(due[step], line.at, line.at) is Timeliness.LATE
    }
    return [
        replace(line, note="；".join(filter(None, (line.note, late[id(line)]))))
        if id(line) in late
        else line
        for line in lines
    ]
