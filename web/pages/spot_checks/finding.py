"""Recording the finding of a sampled sheet: consistent, an error, or falsification (弄虚作假)
with its evidence and its consequence (a deduction or a veto, applied with it)."""

from __future__ import annotations

import hashlib
import re
from uuid import UUID

from flask import redirect, request, url_for
from werkzeug.wrappers import Response

from application.campaigns import Consequence, check_consequence
from domain.assessment import FINDINGS
from domain.errors import DomainError
from web.context import guarded
from web.errors import PageInputError
from web.pages.base import form_version, page_caller, settled
from web.pages.spot_checks.blueprint import bp
from web.pages.spot_checks.consequences import chosen_consequence
from web.pages.spot_checks.rescore import SampledSheet, rescore_page, sampled_sheet
from web.resources.campaigns.blueprint import campaigns

SEPARATORS = re.compile(r"[\s,，、;；]+")


@bp.post("/campaigns/<uuid:cid>/sheets/<uuid:aid>/finding")
def record_finding(cid: UUID, aid: UUID) -> Response | tuple[str, int]:
    """Record the finding; refused input is said beside its field and nothing is recorded
    (an evidence file is attached only once everything else was accepted)."""
    s = sampled_sheet(cid, aid)
    version = form_version()
    form = {k: request.form.get(k, "").strip() for k in ("finding", "items", "note")}
    form |= {k: request.form.get(k, "").strip() for k in ("consequence", "figure")}
    if form["finding"] and form["finding"] not in FINDINGS:
        raise PageInputError("复核结论只能是一致、有差错或弄虚作假。")
    upload = request.files.get("evidence_file")
    kept = request.form.getlist("evidence")
    has_evidence = bool(upload and upload.filename) or bool(kept)
    errors, items, consequence = finding_errors(s, form, has_evidence)
    if errors:
        return rescore_page(s, errors, form), 422
    evidence = list(kept)
    if upload and upload.filename:
        content = upload.read()
        attached = guarded().assessments.attach_evidence(
            page_caller(version), aid, upload.filename[:200], content, items[0]
        )
        version = attached.version
        evidence.append(hashlib.sha256(content).hexdigest())
    outcome = campaigns().record_finding(
        page_caller(version), aid, form["finding"], items, evidence, form["note"], consequence
    )
    settled(outcome)
    return redirect(url_for("spot_checks.campaign", cid=cid) + "#sample-h", code=303)


def finding_errors(
    s: SampledSheet, form: dict[str, str], has_evidence: bool
) -> tuple[dict[str, str], list[str], Consequence | None]:
    errors: dict[str, str] = {}
    items = [n for n in SEPARATORS.split(form["items"]) if n]
    unknown = [n for n in items if s.rubric.item(n) is None]
    if not form["finding"]:
        errors["finding"] = "请选择复核结论。"
    if unknown:
        errors["numbers"] = f"评分表中没有第 {'、'.join(unknown)} 项。"
    if not form["note"]:
        errors["note"] = "请填写复核说明。"
    consequence = None
    if form["finding"] == "falsification":
        if not items and "numbers" not in errors:
            errors["numbers"] = "弄虚作假须指明涉及的评分项。"
        if not has_evidence:
            errors["evidence"] = "弄虚作假须附现场核查记录等证据。"
        if form["consequence"]:
            consequence, why = chosen_consequence(s.rubric, form["consequence"], form["figure"])
            if why:
                errors["consequence"] = why
        try:
            check_consequence(s.rubric, "falsification", consequence)
        except DomainError:
            errors.setdefault("consequence", "弄虚作假须选择处理方式：扣分或一票否决。")
    return errors, items, consequence
