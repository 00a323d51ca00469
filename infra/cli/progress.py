"""A progress bar for long commands: counts and time left on standard error, when a person
watches it (a terminal) and `--quiet` was not given; standard output stays the result."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

Report = Callable[[int, int], None]
"""Called with how much is done and how much there is in all."""

QUIET_OPTION = click.option(
    "-q", "--quiet", is_flag=True, help="No progress bar (for scripts); the result still prints."
)


@contextmanager
def progress_bar(label: str, quiet: bool = False) -> Iterator[Report]:
    """A `Report` that moves a bar labelled `label`; silent when quiet or not in a terminal
    (a log file or a pipe would fill with redrawn lines)."""
    console = Console(stderr=True)
    shown = not quiet and console.is_terminal
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("•"),
        TimeElapsedColumn(),
        TextColumn("elapsed •"),
        TimeRemainingColumn(),
        TextColumn("left"),
    )
    with Progress(*columns, console=console, disable=not shown) as progress:
        task = progress.add_task(label, total=None)

        def report(done: int, total: int) -> None:
            progress.update(task, completed=done, total=max(total, 1))

        yield report
