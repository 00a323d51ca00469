"""`kaohe ledger verify`: recompute every hash chain of the event store and report breaks."""

from __future__ import annotations

import click

from infra.cli.output import FORMAT_OPTION, echo_json
from infra.cli.store import opened_store
from infra.ledger import LedgerReport, verify_ledger


@click.group("ledger")
def ledger_group() -> None:
    """The audit ledger (审计链): every event's hash chain."""


@ledger_group.command("verify")
@FORMAT_OPTION
@click.pass_context
def verify(ctx: click.Context, output_format: str) -> None:
    """Check every stored event's hash chain; exit 1 naming each event that does not match."""
    report = run_verification()
    if output_format == "json":
        echo_json(report.to_json())
    else:
        echo_report(report)
    if not report.ok:
        ctx.exit(1)


def run_verification() -> LedgerReport:
    with opened_store() as store:
        return verify_ledger(store)


def echo_report(report: LedgerReport) -> None:
    read = f"{report.count} events in {report.aggregates} aggregates"
    if report.ok:
        click.echo(f"ledger verified: {read}, every hash chain holds")
    else:
        click.echo(f"ledger NOT verified: {len(report.problems)} problem(s) in {read}")
        for problem in report.problems:
            click.echo(
                f"  aggregate {problem.aggregate_id} version {problem.version}: {problem.problem}"
            )
    if not report.index_checked:
        click.echo(
            "(this store keeps no timestamp index: rows deleted at the end of a chain "
            "cannot be detected)"
        )
