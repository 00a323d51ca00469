"""`kaohe sample factors`: a campaign's verification factors, weighted by inclusion
probability, with the worst sheet named in the headline."""

from __future__ import annotations

from uuid import UUID

import click

from application.sample_findings import sample_findings, sample_probabilities
from application.service import Kaohe
from domain.campaign import Campaign
from infra.cli.output import echo_json
from infra.projections.registry import Projections
from projections.spot_checks.headline import factors_json, headline, why
from projections.spot_checks.pooling import Factors
from projections.spot_checks.reading import read_factors
from projections.spot_checks.settings import RiskSettings


def campaign_factors(app: Kaohe, projections: Projections, c: Campaign) -> Factors:
    """The factors of the campaign's sampled sheets as the views hold them now."""
    probabilities = sample_probabilities(c)
    return read_factors(
        projections.scores(),
        projections.units(),
        c.county_id,
        probabilities,
        RiskSettings(),
        probabilities,
        sample_findings(c, app.assessments.get),
    )


def echo_factors(found: Factors, names: dict[UUID, str], output_format: str) -> None:
    if output_format == "json":
        echo_json(factors_json(found, names))
        return
    county = found.county
    interval = (
        ""
        if county.estimate.low is None
        else (f", 95% CI {county.estimate.low}–{county.estimate.high}")
    )
    click.echo(headline(found, names))
    click.echo(f"pooled factor (Horvitz–Thompson) {county.factor}{interval}")
    for a in found.assessments:
        flag = "  OUTSIDE" if a.outside else ""
        click.echo(
            f"  {names.get(a.unit_id, a.unit_id)}  {a.assessment_id}  π={a.probability}  "
            f"reported {a.reported}  verified {a.verified}  VF {a.factor}  {why(a)}{flag}"
        )
