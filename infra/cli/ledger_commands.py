"""`kaohe ledger verify`: recompute every hash chain of the event store and report breaks."""

from __future__ import annotations

from pathlib import Path

import click

from infra.cli.bundle_commands import bundle
from infra.cli.checkpoint_commands import check_against, checkpoint, echo_checkpoint_report
from infra.cli.export_check_commands import verify_export_command
from infra.cli.output import FORMAT_OPTION, echo_json
from infra.cli.store import opened_store
from infra.cli.witness_commands import consistency, cosign_command
from infra.evidence_check import EvidenceReport, verify_evidence
from infra.ledger import LedgerReport, verify_ledger
from infra.settings import Settings

FILE = click.Path(exists=True, dir_okay=False, path_type=Path)


@click.group("ledger")
def ledger_group() -> None:
    """The audit ledger (审计链): hash chains, the transparency log and its checkpoints."""


ledger_group.add_command(checkpoint)
ledger_group.add_command(bundle)
ledger_group.add_command(consistency)
ledger_group.add_command(cosign_command)
ledger_group.add_command(verify_export_command)


@ledger_group.command("verify")
@click.option("--checkpoint", "kept", type=FILE, help="Also check the store against this file.")
@click.option("--key", type=FILE, help="The log's public key (default: the store's own).")
@FORMAT_OPTION
@click.pass_context
def verify(ctx: click.Context, kept: Path | None, key: Path | None, output_format: str) -> None:
    """Check every hash chain and evidence file (and a kept checkpoint); exit 1 naming each
    event or file that does not match."""
    report = run_verification()
    evidence = verify_evidence(Settings.from_env().data_dir / "evidence")
    against = None if kept is None else check_against(kept, key)
    if output_format == "json":
        data = report.to_json() | {"evidence": evidence.to_json()}
        if against is not None:
            data["checkpoint"] = against.to_json()
        echo_json(data)
    else:
        echo_report(report)
        echo_evidence(evidence)
        if against is not None:
            echo_checkpoint_report(against)
    if not (report.ok and not evidence.problems and (against is None or against.ok)):
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


def echo_evidence(report: EvidenceReport) -> None:
    if not report.problems:
        click.echo(f"evidence verified: {report.count} files match their sha256")
        return
    click.echo(f"evidence NOT verified: {len(report.problems)} of {report.count} files")
    for problem in report.problems:
        click.echo(f"  {problem}")
