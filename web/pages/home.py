"""The home page: what waits for the signed-in account in each of its roles (sheets to
fill, reviews pending, hand-ups and reviews due this week or overdue, spot checks under way,
tasks due this week or overdue), and where a
station opens its sheet for a period."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from flask import redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from application.authorization import Action, allows
from application.commands.assessments import OpenAssessment
from application.read_ports import UnitRecord
from domain.campaign import Stage
from domain.errors import DomainError
from domain.ids import assessment_id, rubric_version_id, unit_id
from domain.rubric import Rubric
from domain.workflow import Status, period_problem
from projections.scores import ScoreRow
from projections.tables.periods import period_label
from projections.tables.tasks import overdue
from projections.tables.wording import STATUS_WORDS, result_beside_status
from web.context import queries, today
from web.errors import PageInputError
from web.pages.base import dispatch, me, page_blueprint, page_caller
from web.pages.home_deadlines import reminders
from web.pages.home_returns import returned_sheets
from web.pages.rectifications.home_items import home_items
from web.pages.workflow_offers import openable, reach_of, round_offers, takes_step

bp = page_blueprint("home", __name__)

WEEK = timedelta(days=7)
TO_FILL = frozenset({Status.DRAFT.value, Status.RETURNED.value})


@dataclass(frozen=True)
class SheetLine:
    """A sheet as the home page lists it."""

    row: ScoreRow
    unit: UnitRecord | None
    rubric: Rubric

    @property
    def status_words(self) -> str:
        return STATUS_WORDS.get(self.row.status, self.row.status)

    @property
    def result_words(self) -> str:
        return result_beside_status(self.row)

    @property
    def period_words(self) -> str:
        return period_label(self.row.head.period)


@dataclass(frozen=True)
class TaskLine:
    sheet: SheetLine
    number: str
    standard: str
    due: date
    late: bool


@bp.get("/")
def index() -> str:
    return home_page()


def home_page(open_error: str | None = None, form: dict[str, str] | None = None) -> str:
    who = me()
    caller = page_caller()
    rubrics = {(r.code, r.version): r for r in queries().sheets.rubrics()}

    def lines(rows: list[ScoreRow]) -> list[SheetLine]:
        units = queries().units.rows(r.head.unit_id for r in rows)
        found = [
            SheetLine(
                r, units.get(r.head.unit_id), rubrics[r.head.rubric_code, r.head.rubric_version]
            )
            for r in rows
        ]
        return sorted(found, key=lambda s: (s.unit.code if s.unit else "", s.row.head.period))

    visible: list[SheetLine] = []
    if who.may(Action.READ_ASSESSMENTS):
        roots = queries().access.reach(caller, Action.READ_ASSESSMENTS, "home")
        visible = lines(queries().sheets.under(roots))

    own_units = {unit_id(g.unit_code) for g in who.grants if allows(g.role, Action.SUBMIT)}
    mine = [s for s in visible if s.row.head.unit_id in own_units]
    reach = reach_of(who)
    reviews = [
        s
        for s in visible
        if s.row.status == Status.SUBMITTED.value
        and takes_step(reach, s.rubric, Action.APPROVE, s.row.head.unit_id)
    ]
    day = today()
    under_way = []
    if who.may(Action.READ_CAMPAIGNS):
        found = queries().campaigns.lines(caller)
        under_way = [c for c in found if c.stage != Stage.CLOSED.value]
    to_fill = [s for s in mine if s.row.status in TO_FILL]
    return render_template(
        "home.html",
        mine=mine,
        to_fill=to_fill,
        returned=returned_sheets(to_fill),
        reviews=reviews,
        tasks=due_tasks(visible, day),
        deadlines=reminders(to_fill, reviews, day),
        recent=recently_changed(visible),
        campaigns=under_way,
        rectifications=home_items(),
        openable=openable(reach, list(rubrics.values())),
        rounds=round_offers(reach, list(rubrics.values())),
        today=day,
        open_error=open_error,
        form=form or {},
    )


def due_tasks(sheets: list[SheetLine], day: date) -> list[TaskLine]:
    """Criteria not yet scored that are overdue or due within a week of `day`."""
    found = [
        TaskLine(s, item.number, item.standard, due, due < day)
        for s in sheets
        for item in s.rubric.items()
        if (due := item.assignment.due) is not None
        and s.row.summary.points.get(item.number) is None
        and (overdue(False, due, day) or due <= day + WEEK)
    ]
    return sorted(found, key=lambda t: (t.due, t.sheet.row.head.period, t.number))


RECENT = 10


def recently_changed(sheets: list[SheetLine]) -> list[SheetLine]:
    """The sheets changed last, newest first: where to start replaying or inspecting."""
    return sorted(sheets, key=lambda s: s.row.position, reverse=True)[:RECENT]


@bp.post("/assessments")
def open_sheet() -> Response | tuple[str, int]:
    """Open a unit's sheet for a period and go to it (an open sheet is simply shown)."""
    unit = request.form.get("unit", "")
    rubric, _, version = request.form.get("rubric", "").rpartition(":")
    period = request.form.get("period", "").strip().upper()
    if not unit or not rubric or not version.isdigit():
        raise PageInputError("请选择被考核单位和评分表。")
    kinds = {(r.code, r.version): r.period for r in queries().sheets.rubrics()}
    if problem := period_problem(period, kinds.get((rubric, int(version)))):
        return home_page(f"无法新建：{problem.chinese}", dict(request.form)), 422
    aid = assessment_id(unit_id(unit), rubric_version_id(rubric, int(version)), period)
    if not queries().assessments.exists(aid):
        try:
            dispatch(OpenAssessment(unit=unit, rubric=rubric, version=int(version), period=period))
        except DomainError as refused:
            return home_page(f"无法新建：{refused}", dict(request.form)), 422
    return redirect(url_for("sheet.show", aid=aid), code=303)
