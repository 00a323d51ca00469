"""One campaign: its steps, the frame and its freezing, the seed, the draw, the sample with
its findings and the recomputed draw, and closing."""

from __future__ import annotations

from uuid import UUID

from flask import redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from application.bus import Outcome
from application.commands.campaigns import (
    CloseCampaign,
    DrawSample,
    EnterSeed,
    EscalateCampaign,
)
from domain.campaign import Campaign
from domain.commitment import Commitment
from domain.errors import DomainError, FieldError
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
from web.pages.spot_checks.opening_form import commitment_of, field_of
from web.pages.spot_checks.rounds_view import (
    escalation_due,
    next_is_full,
    plan_facts,
    round_lines,
)
from web.resources.campaigns.frame_signals import record_frame_signals
from web.resources.campaigns.steps import freeze_command

WEIGHINGS = ("risk", "agreement")
WEIGH_WORDS = "权重依据只能是本期风险提示或各镇（街道）初审与县复核的一致性。"
SIGNALS_WORDS = "抽样名单已锁定，但本期风险信号未能登记，请到风险提示页面登记本期风险信号。原因："
SEED_WORDS = "随机种子应为 10 至 100 位数字，中间不留空格（如公开摇号或掷十面骰得到的 20 位数字）。"


@bp.get("/campaigns/<uuid:cid>", endpoint="campaign")
def campaign_show(cid: UUID) -> str:
    """The campaign as it stands, with the forms of its next step for its county's auditor."""
    return campaign_page(cid, {}, {})


def campaign_page(cid: UUID, errors: dict[str, str], form: dict[str, str]) -> str:
    c = queries().campaigns.campaign(page_caller(), cid)
    view = campaign_view(c)
    return render_template(
        "spot_checks/campaign.html",
        view=view,
        factors=factor_view(c),
        c=c,
        plan_facts=plan_facts(c),
        rounds=round_lines(c.rounds),
        escalation_due=escalation_due(c, view.sample),
        next_is_full=next_is_full(c),
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
def freeze_frame(cid: UUID) -> Response | tuple[str, int]:
    """Freeze the frame: the county's approved sheets of the period, as the API takes them
    (a weighted campaign weighted by the risk report or by the towns' agreement), then record
    the period's risk signals; if that is refused, the page says so beside the frame."""
    form = {"weigh_by": request.form.get("weigh_by", "risk")}
    if form["weigh_by"] not in WEIGHINGS:
        return campaign_page(cid, {"weigh_by": WEIGH_WORDS}, form), 422
    caller = page_caller(form_version())
    outcome = handled(freeze_command(form, cid), caller)
    assert isinstance(outcome.aggregate, Campaign)
    on_record = record_frame_signals(page_caller(), outcome.aggregate)
    settled(outcome)
    if on_record.error:
        return campaign_page(cid, {"signals": SIGNALS_WORDS + on_record.error_zh}, form), 200
    queries().log.settle(on_record.position or outcome.position)
    return redirect(url_for("spot_checks.campaign", cid=cid), code=303)


@bp.post("/campaigns/<uuid:cid>/seed")
def enter_seed(cid: UUID) -> Response | tuple[str, int]:
    """Enter the round's seed; one that does not keep to the commitment is refused beside
    its field and changes nothing."""
    form = {k: request.form.get(k, "").strip() for k in ("seed", "source")}
    caller = page_caller(form_version())
    try:
        check_seed(form["seed"])
    except DomainError:
        return campaign_page(cid, {"seed": SEED_WORDS}, form), 422
    seed = EnterSeed(campaign_id=cid, seed=form["seed"], source=form["source"])
    try:
        outcome = handled(seed, caller)
    except FieldError as refused:
        return campaign_page(cid, {"seed": refused.message_zh}, form), 422
    return done(cid, outcome)


@bp.post("/campaigns/<uuid:cid>/escalate")
def escalate(cid: UUID) -> Response | tuple[str, int]:
    """Start the next round as the plan said, with a fresh commitment for a further round."""
    form = {k: request.form.get(k, "").strip() for k in ("commit", "digest", "draw", "draw_date")}
    caller = page_caller(form_version())
    errors: dict[str, str] = {}
    commitment: Commitment | None = None
    if not form_is_full():
        try:
            commitment = commitment_of(form, errors)
        except FieldError as refused:
            errors[field_of(refused, form)] = refused.message_zh
    if errors:
        return campaign_page(cid, errors, form), 422
    try:
        outcome = handled(EscalateCampaign(campaign_id=cid, commitment=commitment), caller)
    except FieldError as refused:
        return campaign_page(cid, {"escalate": refused.message_zh}, form), 422
    return done(cid, outcome)


def form_is_full() -> bool:
    return request.form.get("full") == "1"


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
