"""`kaohe demo`: load the demo hierarchy, accounts and a quarter of activity."""

from __future__ import annotations

import click

from application.ports import Clock
from infra.bootstrap import build_kaohe
from infra.cli.output import FORMAT_OPTION, echo_json
from infra.cli.progress import QUIET_OPTION, progress_bar
from infra.cli.store import opened_store
from infra.clock import SystemClock
from infra.demo.clock import DemoClock
from infra.demo.loader import load_demo
from infra.settings import Settings


@click.command("demo")
@FORMAT_OPTION
@QUIET_OPTION
def demo(output_format: str, quiet: bool) -> None:
    """Load demo data into the configured store (again: adds nothing) and print the logins."""
    with opened_store() as store:
        # Simulated times only for an empty store, so times keep rising with log positions.
        before = store.history.max_position()
        clock: Clock = DemoClock() if before == 0 else SystemClock()
        with progress_bar("loading the demo", quiet) as progress:
            plan = load_demo(build_kaohe(Settings.from_env(), store, clock), progress=progress)
        added = store.history.max_position() - before
    accounts = [
        {"username": a.username, "role": a.role.value, "unit": a.unit_code, "password": a.password}
        for a in plan.accounts
    ]
    if output_format == "json":
        echo_json({"events_added": added, "accounts": accounts})
        return
    click.echo(f"demo data loaded: {added} new events")
    for account in accounts:
        click.echo("\t".join(account.values()))
