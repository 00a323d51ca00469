"""`kaohe projections status|rebuild|run`: the read models' position, rebuilds and workers."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from types import FrameType

import click

from infra.auto_checkpoint import AutoCheckpoints
from infra.cli.output import FORMAT_OPTION, echo_json
from infra.cli.progress import QUIET_OPTION, progress_bar
from infra.cli.store import opened_store
from infra.clock import SystemClock
from infra.errors import ParallelRebuildError, ProjectionFailedError, RebuildRunningError
from infra.projections.registry import PROJECTIONS, Projections, ProjectionStatus
from infra.settings import Settings

NAMES = click.argument("names", nargs=-1, type=click.Choice(list(PROJECTIONS)))


@click.group("projections")
def projections_group() -> None:
    """Read models (投影): where they stand, rebuilding them, running them."""


@contextmanager
def opened() -> Iterator[Projections]:
    with opened_store() as store:
        yield Projections(store)


@projections_group.command("status")
@FORMAT_OPTION
def status(output_format: str) -> None:
    """Each projection's serving version, position, the log head and the lag."""
    with opened() as projections:
        found = projections.status()
    if output_format == "json":
        echo_json([s.to_json() for s in found])
        return
    click.echo(f"{'projection':<14}{'version':>8}{'position':>11}{'head':>11}{'lag':>9}  state")
    for s in found:
        click.echo(f"{s.name:<14}{s.version:>8}{s.position:>11}{s.head:>11}{s.lag:>9}  {_state(s)}")


def _state(s: ProjectionStatus) -> str:
    f = s.failure
    state = {"stale": "stale: rebuild it"}.get(s.state, s.state)
    if f is not None:
        state = (
            f"FAILED at position {f.position} ({f.topic} of {f.aggregate_id} "
            f"v{f.aggregate_version}, {f.attempts} attempts): {f.error}"
        )
    if s.building is not None:
        state += f"; v{s.building} being built (at {s.building_position})"
    return state


@projections_group.command("rebuild")
@NAMES
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    help="Build in this many processes, the aggregates shared out among them (PostgreSQL).",
)
@QUIET_OPTION
def rebuild(names: tuple[str, ...], workers: int | None, quiet: bool) -> None:
    """Rebuild projections (all when none is named) from the whole log: a fresh version of
    each is built while the old one serves, then replaces it. Several are built together
    from one reading of the log, or with --workers in several processes."""
    with opened() as projections:
        chosen = list(dict.fromkeys(names or projections.names))
        before = {s.name: s.version for s in projections.status()}
        with progress_bar(f"rebuilding {', '.join(chosen)}", quiet) as progress:
            try:
                if workers is None:
                    versions = projections.rebuild_together(chosen, progress)
                else:
                    versions = projections.rebuild_parallel(chosen, workers, progress)
            except (RebuildRunningError, ProjectionFailedError, ParallelRebuildError) as error:
                raise click.ClickException(str(error)) from None
        for name, version in versions.items():
            click.echo(f"{name}: version {version} now serves (was {before[name]})")


@projections_group.command("run")
@NAMES
@click.option("--interval", default=0.2, show_default=True, help="Seconds between polls.")
@click.option("--once", is_flag=True, help="Apply what is new, then exit.")
def run(names: tuple[str, ...], interval: float, once: bool) -> None:
    """Keep projections (all when none is named) current until stopped (Ctrl-C, SIGTERM).
    On PostgreSQL each projection runs in one process at a time (an advisory lock): a second
    `run` of the same projection waits and takes over when the first stops. It also signs
    a checkpoint every KAOHE_CHECKPOINT_EVERY events and KAOHE_CHECKPOINT_SECONDS."""
    with opened() as projections:
        checkpoints = AutoCheckpoints.from_settings(
            projections.store.recorder, Settings.from_env(), SystemClock().now
        )
        poller = projections.poller(
            names or None, interval, None if checkpoints is None else checkpoints.tick
        )
        if once:
            try:
                while poller.cycle():
                    pass
            finally:
                poller.release()
            return

        def stop(signum: int, frame: FrameType | None) -> None:
            poller.stop()

        signal.signal(signal.SIGTERM, stop)
        click.echo(f"running {', '.join(names or projections.names)}; Ctrl-C stops")
        with suppress(KeyboardInterrupt):
            poller.run()  # releases its locks however it ends
