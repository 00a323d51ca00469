"""初审质量 (grading the graders): how far each town reviewer's and each town's review scores
stood from the county's verification, over every checked sheet of a county."""

from __future__ import annotations

from flask import render_template, request

from web.pages.base import page_caller
from web.pages.spot_checks.blueprint import bp
from web.pages.spot_checks.risk import counties_in_reach
from web.resources.campaigns.agreement import county_agreement


@bp.get("/agreement", endpoint="agreement")
def agreement_page() -> str:
    """The reviewers and towns of the county chosen (default: the first), least agreement
    first, with each town's weight for a weighted campaign."""
    counties = counties_in_reach()
    code = request.args.get("unit") or (counties[0].code if counties else "")
    county = next((c for c in counties if c.code == code), None)
    found = county_agreement(page_caller(), code, None) if county else None
    return render_template(
        "spot_checks/agreement.html", counties=counties, county=county, found=found
    )
