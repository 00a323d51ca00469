"""The leader's control to assign a sheet's sections to inspectors of the group, and the
opening body's control to extend the sheet's window (延长期限), as page forms."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from flask import redirect, request, url_for
from werkzeug.wrappers import Response

from application.commands.assessments import AssignSections, ExtendWindow
from application.errors import ConflictError
from domain.errors import DomainError
from web.pages.base import dispatch, form_version
from web.pages.sheet.blueprint import bp
from web.pages.sheet.model import load_page
from web.pages.sheet.refusals import refusal_words
from web.pages.sheet.render import conflict_page, render_sheet

Page = tuple[str, int] | Response


@bp.post("/assessments/<uuid:aid>/sections")
def assign(aid: UUID) -> Page:
    """The leader gives the sections ticked to one inspector of the group."""
    sections = tuple(request.form.getlist("section"))
    inspector = request.form.get("inspector", "").strip()
    command = AssignSections(assessment_id=aid, inspector=inspector, sections=sections)
    return sent(aid, command, "assigned", {"inspector": inspector})


@bp.post("/assessments/<uuid:aid>/extend")
def extend(aid: UUID) -> Page:
    """The opening body moves the window's last day later, with a reason."""
    raw, reason = request.form.get("until", "").strip(), request.form.get("reason", "").strip()
    try:
        until = date.fromisoformat(raw)
    except ValueError:
        words = f"请按“2023-09-22”的格式填写延长后的截止日；收到“{raw}”。"
        page = load_page(aid)
        return render_sheet(
            page, errors={"until": words}, notice=(f"未延长：{words}", "error"), status=422
        )
    return sent(aid, ExtendWindow(assessment_id=aid, until=until, reason=reason), "extended", {})


def sent(
    aid: UUID, command: AssignSections | ExtendWindow, done: str, kept: dict[str, str]
) -> Page:
    version = form_version()
    try:
        dispatch(command, version)
    except ConflictError:
        return conflict_page(aid, version, {})
    except DomainError as refused:
        field, words = refusal_words(refused, "extend-reason")
        field = field or getattr(refused, "field", "")
        errors = {field: words} if field else {}
        notice = (f"未办理：{words}", "error")
        return render_sheet(load_page(aid), values=kept, errors=errors, notice=notice, status=422)
    return redirect(url_for("sheet.show", aid=aid, done=done), code=303)
