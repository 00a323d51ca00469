"""One campaign: its steps, the frame and its freezing, the seed, the draw, the sample with
its findings and the recomputed draw, and closing."""

from __future__ import annotations

from uuid import UUID

from flask import redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from application.bus import Outcome
from application.commands.campaigns import CloseCampaign, DrawSample, EnterSeed
from domain.errors import DomainError
from domain.sampling import check_seed
from projections.tables.wording import FINDING_WORDS
from web.context import queries
from web.pages.base import form_version, handled, page_caller, settled
from web.pages.spot_checks.blueprint import (
    MODE_WORDS,
    STEPS,
    bp,
    reached,
    runs_campaigns_of,
)
from web.pages.spot_checks.campaign_view import campaign_view
from web.pages.spot_checks.factor_view import factor_view
from web.resources.campaigns.steps import freeze_command

SEED_WORDS = "随机种子应为 10 至 100 位数字，中间不留空格（如公开摇号或掷十面骰得到的 20 位数字）。"


@bp.get("/campaigns/<uuid:cid>", endpoint="campaign")
def campaign_show(cid: UUID) -> str:
    """The campaign as it stands, with the forms of its next step for its county's auditor."""
    return campaign_page(cid, {}, {})


def campaign_page(cid: UUID, errors: dict[str, str], form: dict[str, str]) -> str:
    c = queries().campaigns.campaign(page_caller(), cid)
    return render_template(
        "spot_checks/campaign.html",
        view=campaign_view(c),
        factors=factor_view(c),
        c=c,
        runs=runs_campaigns_of(c.county_id),
        steps=STEPS,
        reached=reached,
        modes=MODE_WORDS,
        findings=FINDING_WORDS,
        errors=errors,
        form=form,
    )


def done(cid: UUID, outcome: Outcome) -> Response:
    settled(outcome)
    return redirect(url_for("spot_checks.campaign", cid=cid), code=303)


@bp.post("/campaigns/<uuid:cid>/frame")
def freeze_frame(cid: UUID) -> Response:
    """Freeze the frame: the county's approved sheets of the period, as the API takes them."""
    return done(cid, handled(freeze_command({}, cid), page_caller(form_version())))


@bp.post("/campaigns/<uuid:cid>/seed")
def enter_seed(cid: UUID) -> Response | tuple[str, int]:
    """Enter the public seed and its source; refused input is said beside its field."""
    form = {k: request.form.get(k, "").strip() for k in ("seed", "source")}
    caller = page_caller(form_version())
    errors = {}
    try:
        check_seed(form["seed"])
    except DomainError:
        errors["seed"] = SEED_WORDS
    if not form["source"]:
        errors["source"] = "请写明种子的公开来源，如“2023年7月3日福利彩票开奖号码”。"
    if errors:
        return campaign_page(cid, errors, form), 422
    seed = EnterSeed(campaign_id=cid, seed=form["seed"], source=form["source"])
    return done(cid, handled(seed, caller))


@bp.post("/campaigns/<uuid:cid>/draw")
def draw(cid: UUID) -> Response:
    """Draw the sample from the recorded frame and seed."""
    return done(cid, handled(DrawSample(campaign_id=cid), page_caller(form_version())))


@bp.post("/campaigns/<uuid:cid>/close")
def close(cid: UUID) -> Response | tuple[str, int]:
    """Close the campaign with each sampled sheet's finding (refused while one lacks it)."""
    caller = page_caller(form_version())
    try:
        outcome = handled(CloseCampaign(campaign_id=cid), caller)
    except DomainError:
        missing = campaign_view(queries().campaigns.campaign(caller, cid)).missing
        message = f"还有 {missing} 份抽中的评分表没有复核结论，记录后才能结束抽查。"
        return campaign_page(cid, {"close": message}, {}), 422
    return done(cid, outcome)
