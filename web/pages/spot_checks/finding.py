"""Recording the finding of a sampled sheet: consistent, an error, or falsification (弄虚作假)
with its evidence and its consequence (a deduction or a veto, applied with it)."""

from __future__ import annotations

import hashlib
import re
from uuid import UUID

from flask import redirect, request, url_for
from werkzeug.wrappers import Response

from application.commands.assessments import AttachEvidence, RecordFinding
from application.consequences import Consequence, check_consequence
from domain.errors import DomainError
from domain.evidence import FINDINGS
from web.errors import PageInputError
from web.pages.base import dispatch, form_version
from web.pages.spot_checks.blueprint import bp
from web.pages.spot_checks.consequences import chosen_consequence
from web.pages.spot_checks.rescore import SampledSheet, rescore_page, sampled_sheet

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
        name = upload.filename[:200]
        attach = AttachEvidence(assessment_id=aid, file_name=name, content=content, item=items[0])
        version = dispatch(attach, version).version
        evidence.append(hashlib.sha256(content).hexdigest())
    finding = RecordFinding(
        assessment_id=aid,
        finding=form["finding"],
        items=tuple(items),
        evidence=tuple(evidence),
        note=form["note"],
        consequence=consequence,
    )
    dispatch(finding, version)
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
