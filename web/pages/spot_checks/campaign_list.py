"""The campaigns a county runs (or a regulator reads), and the form that opens one."""

from __future__ import annotations

from flask import redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from application.authorization import Action
from application.commands.campaigns import OpenCampaign
from application.errors import ConflictError
from domain.account import Role
from domain.errors import DomainError, FieldError
from domain.sampling import Mode
from domain.workflow import period_problem
from web.context import queries
from web.errors import PageInputError
from web.pages.base import handled, me, page_caller, settled
from web.pages.spot_checks.blueprint import MODE_WORDS, bp
from web.pages.spot_checks.opening_form import (
    FIELDS,
    SIZING_WORDS,
    FormProblems,
    field_of,
    plan_and_commitment,
)


@bp.get("/campaigns", endpoint="campaigns")
def campaign_list() -> str:
    """Every campaign in reach, newest first, and (for a county auditor) the opening form."""
    return list_page({}, {})


def list_page(errors: dict[str, str], form: dict[str, str]) -> str:
    found = queries().campaigns.lines(page_caller())  # refused (403) for stations and towns
    counties = me().grants_as(Role.COUNTY_AUDITOR) if me().may(Action.OPEN_CAMPAIGN) else []
    return render_template(
        "spot_checks/campaigns.html",
        campaigns=list(reversed(found)),
        counties=counties,
        modes=MODE_WORDS,
        sizings=SIZING_WORDS,
        errors=errors,
        form=form,
    )


@bp.post("/campaigns")
def open_campaign() -> Response | tuple[str, int]:
    """Open a campaign; refused input is said beside its field and nothing is opened."""
    keys = ("county", "period", "name", *FIELDS)
    form = {k: request.form.get(k, "").strip() for k in keys}
    form["mode"] = request.form.get("mode", "")
    form["period"] = form["period"].upper()
    if form["mode"] not in {m.value for m in Mode} or not form["county"]:
        raise PageInputError("请选择县（区）和抽样方式。")
    errors = opening_errors(form)
    try:
        plan, commitment = plan_and_commitment(form)
    except FormProblems as problems:
        errors |= problems.errors
    if not errors:
        try:
            opening = OpenCampaign(
                county=form["county"],
                period=form["period"],
                campaign_name=form["name"],
                mode=form["mode"],
                plan=plan,
                commitment=commitment,
            )
            outcome = handled(opening, page_caller())
        except ConflictError:
            errors["name"] = "本县该期间已有同名的抽查，请换一个名称。"
        except FieldError as refused:
            errors[field_of(refused, form)] = refused.message_zh
        except DomainError as refused:
            errors["form"] = f"无法立项：{refused}"
        else:
            settled(outcome)
            return redirect(url_for("spot_checks.campaign", cid=outcome.id), code=303)
    return list_page(errors, form), 422


def opening_errors(form: dict[str, str]) -> dict[str, str]:
    errors = {}
    if problem := period_problem(form["period"]):
        errors["period"] = problem.chinese
    if not form["name"]:
        errors["name"] = "请填写抽查名称。"
    elif len(form["name"]) > 200:
        errors["name"] = "名称不超过 200 字。"
    return errors
