"""`kaohe sample list|show|verify|factors`: spot-check campaigns and their verifiable draws."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from uuid import UUID

import click

from application.errors import NotFoundError
from application.service import Kaohe
from domain.campaign import Campaign
from infra.bootstrap import build_kaohe
from infra.cli.factor_output import campaign_factors, echo_factors
from infra.cli.output import FORMAT_OPTION, echo_json
from infra.cli.store import opened_store
from infra.projections.registry import Projections
from infra.settings import Settings

CAMPAIGN = click.argument("campaign")


@click.group("sample")
def sample_group() -> None:
    """Spot-check campaigns (抽查复核): list them, show one, verify its draw, its factors."""


@contextmanager
def opened() -> Iterator[tuple[Kaohe, Projections]]:
    with opened_store() as store:
        yield build_kaohe(Settings.from_env(), store), Projections(store)


def campaign_of(app: Kaohe, text: str) -> Campaign:
    try:
        return app.campaigns.get(UUID(text))
    except ValueError:
        raise click.BadParameter(f"{text!r} is not a campaign id (a UUID)") from None
    except NotFoundError as error:
        raise click.ClickException(str(error)) from None


def summary(app: Kaohe, c: Campaign) -> dict[str, Any]:
    county = app.units.get_by_id(c.county_id)
    return {
        "id": str(c.id),
        "county": county.code,
        "county_name": county.name,
        "period": c.period,
        "name": c.name,
        "mode": c.mode.value,
        "size": c.size,
        "method": c.method,
        "stage": c.stage.value,
        "frame": len(c.frame),
        "frame_hash": c.frame_hash,
        "sampled": len(c.sample),
    }


@sample_group.command("list")
@FORMAT_OPTION
def list_campaigns(output_format: str) -> None:
    """Every campaign, oldest first."""
    with opened() as (app, _):
        found = [summary(app, c) for c in app.campaigns.all()]
    if output_format == "json":
        echo_json(found)
        return
    if not found:
        click.echo("no campaigns")
        return
    click.echo(f"{'campaign':<38}{'county':<12}{'period':<9}{'mode':<12}{'stage':<8}sample")
    for c in found:
        click.echo(
            f"{c['id']:<38}{c['county']:<12}{c['period']:<9}{c['mode']:<12}{c['stage']:<8}"
            f"{c['sampled']}/{c['frame']}  {c['name']}"
        )


@sample_group.command("show")
@CAMPAIGN
@FORMAT_OPTION
def show(campaign: str, output_format: str) -> None:
    """One campaign: its frame hash, seed, sample (with inclusion probabilities), findings."""
    with opened() as (app, _):
        c = campaign_of(app, campaign)
        data = summary(app, c) | {
            "seed": c.seed,
            "seed_source": c.seed_source,
            "plan": None if c.plan is None else c.plan.to_data(),
            "commitment": None if c.commitment is None else c.commitment.to_data(),
            "rounds": [r.to_data() for r in c.rounds],
            "sample": [s.to_data() for s in c.sample],
            "findings": c.findings,
        }
    if output_format == "json":
        echo_json(data)
        return
    for key in ("id", "county", "period", "name", "mode", "size", "method", "stage"):
        click.echo(f"{key:<12}{data[key]}")
    click.echo(f"{'frame':<12}{data['frame']} assessments, hash {data['frame_hash']}")
    promise = c.commitment.described if c.commitment else "no (an old campaign)"
    click.echo(f"{'committed':<12}{promise}")
    for r in data["rounds"]:
        size = "full check" if r["size"] is None else r["size"]
        click.echo(f"{'round ' + str(r['number']):<12}size {size}, seed {r['seed'] or '-'}")
    for s in c.sample:
        finding = c.findings.get(str(s.assessment_id), "")
        click.echo(f"  {s.assessment_id}  p = {s.probability}  {finding}")


@sample_group.command("verify")
@CAMPAIGN
@FORMAT_OPTION
@click.pass_context
def verify(ctx: click.Context, campaign: str, output_format: str) -> None:
    """Redraw every round from the recorded frame and seeds, and check each seed against its
    commitment and dates; exit 0 when all matches, 1 (listing each difference) when not."""
    with opened() as (app, _):
        result = app.campaigns.verify(campaign_of(app, campaign).id)
    if output_format == "json":
        echo_json(result.to_json())
    elif result.matches:
        click.echo(
            f"sample verified: {result.sample_size} assessments redrawn from the frame "
            f"{result.frame_hash} and the seed match the recorded sample"
        )
    else:
        click.echo(f"sample NOT verified: {len(result.differences)} difference(s)")
        for difference in result.differences:
            click.echo(f"  {difference}")
    if output_format != "json":
        for note in result.notes:
            click.echo(f"  {note}")
    if not result.matches:
        ctx.exit(1)


@sample_group.command("factors")
@CAMPAIGN
@FORMAT_OPTION
def factors(campaign: str, output_format: str) -> None:
    """Verification factors (verified ÷ reported) of the campaign's sampled assessments."""
    with opened() as (app, projections):
        c = campaign_of(app, campaign)
        projections.catch_up()
        found = campaign_factors(app, projections, c)
        names = {u.unit_id: u.name for u in projections.units().all_units()}
    echo_factors(found, names, output_format)
