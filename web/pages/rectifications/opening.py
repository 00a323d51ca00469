"""Opening a rectification from a closed campaign's finding (立整改), by the county's auditor."""

from __future__ import annotations

from collections.abc import Callable
from uuid import UUID

from flask import redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from application.commands.rectifications import OpenRectification
from application.errors import ConflictError
from domain.account import Role
from domain.errors import FieldError
from domain.rectification import Source, rectification_id
from projections.tables.wording import FINDING_WORDS
from web.context import queries
from web.errors import PageInputError
from web.pages.base import handled, page_caller, settled
from web.pages.rectifications.blueprint import bp
from web.pages.rectifications.days import parse_day
from web.pages.rectifications.item import item_page

OWNER_ROLES = {
    Role.STATION_STAFF.value: "本单位填报人员",
    Role.TOWN_REVIEWER.value: "本单位审核人员",
}


@bp.get("/campaigns/<uuid:cid>/sheets/<uuid:aid>/rectification", endpoint="new")
def new(cid: UUID, aid: UUID) -> str:
    """The form that opens an item for a finding (or the item, once it is opened)."""
    queries().campaigns.campaign(page_caller(), cid)
    rid = rectification_id(Source.finding(cid, aid))
    if queries().rectifications.exists(rid):
        return item_page(rid, {}, {})
    return form_page(cid, aid, {}, {})


def form_page(cid: UUID, aid: UUID, errors: dict[str, str], form: dict[str, str]) -> str:
    campaign = queries().campaigns.campaign(page_caller(), cid)
    sheet = queries().assessments.sheet(page_caller(), aid)
    unit = queries().units.row(sheet.unit_id)
    found = campaign.findings.get(str(aid), "")
    note = next((f.note for f in reversed(sheet.findings)), "")
    return render_template(
        "rectifications/new.html",
        campaign=campaign,
        aid=aid,
        unit=unit,
        finding=FINDING_WORDS.get(found, found),
        note=note,
        action=url_for("rectifications.open_item", cid=cid, aid=aid),
        roles=OWNER_ROLES,
        errors=errors,
        form=form,
    )


@bp.post("/campaigns/<uuid:cid>/sheets/<uuid:aid>/rectification")
def open_item(cid: UUID, aid: UUID) -> Response | tuple[str, int]:
    """Open the item; refused input is said beside its field and nothing is opened."""
    return submit_opening(
        Source.finding(cid, aid),
        None,
        lambda errors, form: form_page(cid, aid, errors, form),
        "这项复核结论已经立过整改。",
    )


def submit_opening(
    source: Source,
    period: str | None,
    page: Callable[[dict[str, str], dict[str, str]], str],
    opened_words: str,
) -> Response | tuple[str, int]:
    """Open an item for `source` from the form, or show `page` again with what is wrong
    beside its field (nothing is opened then)."""
    form = {k: request.form.get(k, "").strip() for k in ("unit", "problem", "deadline", "owner")}
    if form["owner"] not in OWNER_ROLES or not form["unit"]:
        raise PageInputError("请选择责任岗位。")
    errors: dict[str, str] = {}
    deadline = parse_day(form["deadline"], errors)
    if not form["problem"]:
        errors["problem"] = "请填写需要整改的问题。"
    if not errors and deadline is not None:
        command = OpenRectification(
            source=source,
            unit=form["unit"],
            problem=form["problem"],
            deadline=deadline,
            owner_role=form["owner"],
            period=period,
        )
        try:
            outcome = handled(command, page_caller())
        except ConflictError:
            errors["form"] = opened_words
        except FieldError as refused:
            shown = refused.field in ("problem", "deadline", "owner")
            errors[refused.field if shown else "form"] = refused.message_zh
        else:
            settled(outcome)
            return redirect(url_for("rectifications.item", rid=outcome.id), code=303)
    return page(errors, form), 422
