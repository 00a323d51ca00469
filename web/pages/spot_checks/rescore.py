"""Re-scoring a sampled sheet (抽查复核): blind first (the county's own scores entered without
the self and review layers in sight), then the three layers side by side with the
differences, saved in the verification layer with a reason."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from uuid import UUID

from flask import redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from application.commands.assessments import SaveSheet
from application.errors import NotFoundError
from domain.assessment import Assessment
from domain.campaign import Campaign, Stage
from domain.entries import ItemEntry, points_problems
from domain.entry_data import entry_from_data
from domain.errors import DecimalTextError
from domain.input_text import parse_decimal
from domain.layers import counting_entry
from domain.rubric import Rubric
from domain.workflow import Status
from projections.numbers import points_text
from projections.tables.wording import FINDING_WORDS, STATUS_WORDS, result_words
from web.context import queries
from web.pages.base import dispatch, form_version, page_caller
from web.pages.sheet.entries import NUMBER_WORDS
from web.pages.spot_checks.blueprint import bp, runs_campaigns_of, unit_name
from web.pages.spot_checks.consequences import consequence_options
from web.resources.campaigns.rescore_rows import ItemRow, blind, blind_rows, rescore_rows


@dataclass(frozen=True)
class SampledSheet:
    campaign: Campaign
    sheet: Assessment
    rubric: Rubric

    @property
    def open_to_change(self) -> bool:
        """While the campaign is drawn and the sheet approved, its auditor may re-score it."""
        return self.campaign.stage is Stage.DRAWN and self.sheet.status is Status.APPROVED


def sampled_sheet(cid: UUID, aid: UUID) -> SampledSheet:
    c = queries().campaigns.campaign(page_caller(), cid)
    if not c.sampled(aid):
        raise NotFoundError(f"本次抽查没有抽中评分表 {aid}")
    a = queries().assessments.sheet(page_caller(), aid)
    return SampledSheet(c, a, queries().assessments.rubric_of(a))


@bp.get("/campaigns/<uuid:cid>/sheets/<uuid:aid>")
def rescore(cid: UUID, aid: UUID) -> str:
    """A sampled sheet with its three layers side by side, and the finding form."""
    return rescore_page(sampled_sheet(cid, aid), {}, {})


def rescore_page(s: SampledSheet, errors: dict[str, str], form: dict[str, str]) -> str:
    """The page; while its auditor has entered no verification score it shows neither the
    self nor the review layer (nor totals, differences or the finding form)."""
    runs = runs_campaigns_of(s.campaign.county_id)
    editable = runs and s.open_to_change
    hidden = editable and blind(s.sheet)
    rows = rescore_rows(s.sheet, s.rubric, editable)
    if hidden:
        rows = blind_rows(rows)
    card = None if hidden else s.sheet.scorecard(s.rubric)
    return render_template(
        "spot_checks/rescore.html",
        s=s,
        c=s.campaign,
        a=s.sheet,
        station=unit_name(s.sheet.unit_id),
        rows=rows,
        differing=[r for r in rows if isinstance(r, ItemRow) and r.differs],
        card=card,
        result_words=result_words,
        status_words=STATUS_WORDS,
        findings=FINDING_WORDS,
        options=consequence_options(s.rubric),
        editable=editable,
        blind=hidden,
        errors=errors,
        form=form,
    )


@bp.post("/campaigns/<uuid:cid>/sheets/<uuid:aid>/scores")
def save_scores(cid: UUID, aid: UUID) -> Response | tuple[str, int]:
    """Save the verification scores typed in (blank: the review score stands), all or none."""
    s = sampled_sheet(cid, aid)
    version = form_version()
    form = {k: v.strip() for k, v in request.form.items()}
    errors, entries = verification_entries(s, form)
    if not errors and not entries:
        errors["scores"] = (
            "请至少填写一项复核得分，未保存。"
            if blind(s.sheet)
            else "没有填写与现有复核得分不同的分数，未保存。"
        )
    if entries and not form.get("reason"):
        errors["reason"] = "复核改分须说明理由（如现场核实情况）。"
    if errors:
        return rescore_page(s, errors, form), 422
    dispatch(SaveSheet(assessment_id=aid, entries=entries, reason=form["reason"]), version)
    return redirect(url_for("spot_checks.rescore", cid=cid, aid=aid) + "#scores", code=303)


def verification_entries(
    s: SampledSheet, form: dict[str, str]
) -> tuple[dict[str, str], dict[str, ItemEntry]]:
    """The typed scores that change the verification layer, and why any is refused."""
    errors: dict[str, str] = {}
    entries: dict[str, ItemEntry] = {}
    for row in rescore_rows(s.sheet, s.rubric, True):
        if not isinstance(row, ItemRow) or not row.editable:
            continue
        number, typed = row.item.number, form.get(f"v-{row.item.number}", "")
        if not typed:
            continue
        try:
            points = parse_decimal(typed)
        except DecimalTextError:
            errors[f"v-{number}"] = NUMBER_WORDS
            continue
        if points_problems(row.item, points):
            top = points_text(row.item.max_points or Decimal(0))
            step = points_text(row.item.step)
            errors[f"v-{number}"] = f"应为 0 至 {top} 之间、以 {step} 为单位的分数。"
        elif points != row.verified:
            # Keep what the counting entry holds besides points (e.g. deduction lines).
            below = counting_entry(s.sheet.layers, number) or {}
            entries[number] = replace(entry_from_data(below), points=points)
    return errors, entries
