"""An assessment's timeline: every event in order, and the sheet as of any of them (the
slider's fragment is served alone for the script that swaps it in)."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from flask import render_template, request

from application.authorization import Action
from domain.assessment import Assessment
from projections.audit_trail import MAX_PAGE
from projections.tables.periods import period_label
from projections.tables.wording import STATUS_WORDS
from web.context import queries
from web.errors import PageInputError
from web.pages.base import me, page_caller
from web.pages.timeline.blueprint import bp
from web.pages.timeline.late_marks import mark_late
from web.pages.timeline.lines import Line, line_of_row, runs
from web.pages.timeline.names import Names, Place
from web.pages.timeline.sheet_at import SheetAt, sheet_at


@dataclass(frozen=True)
class Heading:
    """What the timeline is of: the unit, the period, the rubric and where it stands now."""

    place: Place
    period: str
    rubric: str
    status: str


def event_lines(a: Assessment, names: Names) -> list[Line]:
    """Every event of the assessment the caller read in the audit trail, oldest first."""
    rows, before = [], None
    while True:
        page = queries().trail.of_sheet(a, before, MAX_PAGE)
        rows += page.rows
        if page.next_before is None:
            break
        before = page.next_before
    return [line_of_row(row, names) for row in reversed(rows)]


def chosen(raw: str | None, total: int) -> tuple[int, str | None]:
    """The event asked for (1 … total; none asked: the latest), or the latest and why not."""
    if raw is None or raw == "":
        return total, None
    if not raw.isdigit() or not 1 <= int(raw) <= total:
        return total, f"没有第 {raw[:12]} 个事件；本评分表共有 {total} 个事件。"
    return int(raw), None


def heading(a: Assessment, names: Names) -> Heading:
    rubric = queries().sheets.rubric(a.rubric_id)
    status = STATUS_WORDS.get(a.status.value, a.status.value)
    return Heading(names.place(a.unit_id), period_label(a.period), rubric.title, status)


@bp.get("/assessments/<uuid:aid>/timeline")
def assessment(aid: UUID) -> str:
    """The assessment's events, and the sheet as of the one chosen on the slider."""
    a = queries().assessments.sheet(page_caller(), aid)
    names = Names()
    lines = mark_late(event_lines(a, names), queries().sheets.rubric(a.rubric_id), a.period)
    number, error = chosen(request.args.get("event"), len(lines))
    at: SheetAt | None = sheet_at(a, lines[number - 1], len(lines)) if lines else None
    return render_template(
        "timeline/assessment.html",
        aid=aid,
        head=heading(a, names),
        lines=lines,
        runs=runs(lines),
        at=at,
        event_error=error,
        people_links=me().may(Action.READ_ACCOUNTS),
    )


@bp.get("/assessments/<uuid:aid>/timeline/at")
def assessment_at(aid: UUID) -> str:
    """The sheet as of one event, alone (what the slider's script swaps in)."""
    a = queries().assessments.sheet(page_caller(), aid)
    lines = event_lines(a, Names())
    number, error = chosen(request.args.get("event"), len(lines))
    if error or not lines:
        raise PageInputError(error or "本评分表还没有审计记录。")
    return render_template(
        "timeline/sheet_at.html", aid=aid, at=sheet_at(a, lines[number - 1], len(lines))
    )
