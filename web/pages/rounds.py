"""发起考核: the page where the body a rubric's workflow names opens a period's sheets for
every unit it scores in its subtree, in one step."""

from __future__ import annotations

from flask import redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from domain.workflow import period_problem
from projections.tables.periods import period_label
from projections.tables.wording import LEVEL_WORDS
from web.context import queries
from web.pages.base import dispatch, me, page_blueprint, page_caller
from web.pages.workflow_offers import RoundOffer, reach_of, round_offers
from web.rounds import plan_round

bp = page_blueprint("rounds", __name__)


def offers() -> list[RoundOffer]:
    return round_offers(reach_of(me()), queries().sheets.rubrics())


def form_page(errors: dict[str, str] | None = None, status: int = 200) -> tuple[str, int]:
    page = render_template(
        "rounds/new.html",
        offers=offers(),
        form=request.form if errors else request.args,
        errors=errors or {},
        level_words=LEVEL_WORDS,
        done=None if errors else done_words(),
    )
    return page, status


def done_words() -> str | None:
    """What the round just opened, from the address it answered with (nothing if altered)."""
    opened, already = request.args.get("opened", ""), request.args.get("already", "0")
    period = request.args.get("period", "")
    if not (opened.isdigit() and already.isdigit()) or period_problem(period) is not None:
        return None
    besides = f"，另有 {already} 个单位已有" if int(already) else ""
    return (
        f"已为 {opened} 个单位新建{period_label(period)}的评分表{besides}。"
        "各单位可在首页看到待填报的评分表。"
    )


@bp.get("/rounds")
def new() -> tuple[str, int]:
    return form_page()


@bp.post("/rounds")
def open_round() -> Response | tuple[str, int]:
    """Open the round, or say beside the field what is wrong; nothing is opened then."""
    chosen = {o.value: o for o in offers()}.get(request.form.get("offer", ""))
    period = request.form.get("period", "").strip().upper()
    if chosen is None:
        return form_page({"offer": "请选择要发起考核的单位和评分表。"}, 422)
    if problem := period_problem(period, chosen.rubric.period):
        return form_page({"period": problem.chinese}, 422)
    plan = plan_round(
        page_caller(), chosen.rubric.code, chosen.rubric.version, period, chosen.unit.code
    )
    if not plan.missing:
        words = f"{chosen.unit.name}下的单位都已有{period_label(period)}的这份评分表，无需再发起。"
        return form_page({"period": words}, 409)
    dispatch(plan.command())
    shown = url_for(
        "rounds.new",
        offer=chosen.value,
        period=period,
        opened=len(plan.missing),
        already=len(plan.opened),
    )
    return redirect(shown, code=303)
