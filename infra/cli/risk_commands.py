"""`kaohe risk report`: a county's risk signals for a period, towns and stations ranked;
`kaohe risk record`: the signals recorded, each once, for a county auditor's disposition."""

from __future__ import annotations

import json
from pathlib import Path
from uuid import UUID

import click

from application.commands.signals import record_report
from application.store import EventStore
from domain.signal_register import SignalRegister, register_id
from infra.bootstrap import build_kaohe
from infra.cli.export_commands import moment
from infra.cli.output import FORMAT_OPTION, echo_json
from infra.cli.store import opened_store
from infra.projections.registry import Projections
from infra.projections.tables import people_of
from infra.settings import Settings
from projections.spot_checks.reading import read_report
from projections.spot_checks.report import RiskReport
from projections.spot_checks.settings import RiskSettings


@click.group("risk")
def risk_group() -> None:
    """Risk signals (风险提示) from the history, for choosing what to spot-check."""


@risk_group.command("report")
@click.option("--unit", "county", required=True, help="Code of the county.")
@click.option("--period", required=True, help="A quarter like 2023Q2 or a year like 2023.")
@click.option("--as-of", "as_of", help="Read the history as it stood at this ISO time.")
@click.option("--position", type=int, help="Read the history up to this log position.")
@click.option(
    "--settings",
    "settings_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Thresholds as JSON (a report's `settings`), to reproduce a result.",
)
@FORMAT_OPTION
def report(
    county: str,
    period: str,
    as_of: str | None,
    position: int | None,
    settings_file: Path | None,
    output_format: str,
) -> None:
    """Each signal with its explanation and events, and towns and stations ranked; a
    station's weight (1 + its score) can weigh the next campaign's draw. A JSON report
    holds its position and settings: `--position` and `--settings` reproduce it."""
    settings = RiskSettings()
    if settings_file is not None:
        try:
            settings = RiskSettings.from_json(json.loads(settings_file.read_text("utf-8")))
        except (ValueError, TypeError, AttributeError) as error:
            raise click.BadParameter(str(error), param_hint="--settings") from None
    with opened_store() as store:
        found, names = computed(store, county, period, settings, as_of, position)
    if output_format == "json":
        data = found.to_json()
        for key in ("stations", "towns"):
            for row in data[key]:
                row["code"], row["name"] = names.get(UUID(row["unit_id"]), ("", ""))
        echo_json(data)
        return
    echo_report(found, names)


def computed(
    store: EventStore,
    county: str,
    period: str,
    settings: RiskSettings,
    as_of: str | None = None,
    position: int | None = None,
) -> tuple[RiskReport, dict[UUID, tuple[str, str]]]:
    """The county's report (at a position or moment; by default the end of the log) and
    every unit's code and name."""
    projections = Projections(store)
    projections.catch_up()
    if position is None:
        at = moment(as_of)
        position = projections.position_at(at) if at else store.history.max_position()
    unit = projections.units(position).unit_by_code(county)
    if unit is None or unit.level != "county":
        raise click.ClickException(f"no county with code {county}")
    found = read_report(
        projections.scores(),
        projections.units(position),
        unit.unit_id,
        period,
        settings,
        position,
        people_of(projections),
    )
    names = {u.unit_id: (u.code, u.name) for u in projections.units(position).all_units()}
    return found, names


@risk_group.command("record")
@click.option("--unit", "county", required=True, help="Code of the county.")
@click.option("--period", required=True, help="A quarter like 2023Q2 or a year like 2023.")
def record(county: str, period: str) -> None:
    """Record each signal the county's report raises now in its register of the period (a
    scheduled run): a signal recorded before is not recorded again; each then waits for a
    county auditor's disposition (核实属实 / 排除 / 转整改) on the risk page."""
    with opened_store() as store:
        found, _ = computed(store, county, period, RiskSettings())
        app = build_kaohe(Settings.from_env(), store)
        rid = register_id(found.county_id, period)
        before = app.runner.find(SignalRegister, rid)
        known = 0 if before is None else len(before.signals)
        command = record_report(county, found.to_json())
        outcome = app.setup(command, f"risk-record-{county}-{period}")
    assert isinstance(outcome.aggregate, SignalRegister)
    added = len(outcome.aggregate.signals) - known
    click.echo(
        f"{county} {period}: {len(found.signals)} signal(s) raised at position "
        f"{found.position}, {added} newly recorded, {len(outcome.aggregate.signals)} in all"
    )


def echo_report(found: RiskReport, names: dict[UUID, tuple[str, str]]) -> None:
    click.echo(
        f"risk report {found.period}, position {found.position}: {len(found.signals)} signal(s)"
    )
    for title, ranked in (("towns", found.towns), ("stations", found.stations)):
        click.echo(f"{title}:")
        for r in ranked:
            code, name = names.get(r.unit_id, ("", ""))
            click.echo(f"  {r.score:>6}  {code:<14}{name}")
            for reason in r.reasons:
                click.echo(f"          {reason}")
