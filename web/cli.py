"""The `kaohe` command: every command group of the service under one name."""

from __future__ import annotations

import click

from infra.cli.db_commands import db_group
from infra.cli.demo_commands import demo
from infra.cli.export_commands import export
from infra.cli.ledger_commands import ledger_group
from infra.cli.projection_commands import projections_group
from infra.cli.risk_commands import risk_group
from infra.cli.rubric_commands import rubric_group
from infra.cli.sample_commands import sample_group
from web.serve import serve


@click.group()
def main() -> None:
    """Kaohe (考核): scoring, review and audit of veterans' service centres and stations."""


main.add_command(rubric_group)
main.add_command(ledger_group)
main.add_command(projections_group)
main.add_command(demo)
main.add_command(export)
main.add_command(sample_group)
main.add_command(risk_group)
main.add_command(serve)
main.add_command(db_group)
