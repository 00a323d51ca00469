"""`kaohe rubric …`: list, validate, show rubrics, and import one from a spreadsheet."""

from __future__ import annotations

from pathlib import Path

import click

from domain.errors import RubricDefinitionError
from domain.levels import PeriodKind, UnitLevel
from domain.rubric import Item, Node, Rubric
from domain.rubric_json import content_hash, rubric_to_dict
from infra.cli.output import FORMAT_OPTION, echo_json
from infra.rubric_files import builtin_rubrics, find_builtin_rubric, load_rubric_file
from infra.rubric_import.problems import SpreadsheetRefusedError
from infra.rubric_import.proposal import Metadata, propose_from_path


@click.group("rubric")
def rubric_group() -> None:
    """Scoring tables (评分表): the built-in ones and rubric files."""


@rubric_group.command("list")
@FORMAT_OPTION
def list_rubrics(output_format: str) -> None:
    """List the built-in rubrics: code, version, title."""
    rubrics = builtin_rubrics()
    if output_format == "json":
        echo_json([{"code": r.code, "version": r.version, "title": r.title} for r in rubrics])
        return
    for rubric in rubrics:
        click.echo(f"{rubric.code}\tv{rubric.version}\t{rubric.title}")


@rubric_group.command("validate")
@click.argument("file", type=click.Path(path_type=Path))
def validate(file: Path) -> None:
    """Check a rubric file; print every problem and exit 1 when it is refused."""
    rubric = load_or_fail(file)
    items = sum(1 for _ in rubric.items())
    click.echo(
        f"OK {file}: {rubric.code} v{rubric.version}, {items} items, base max {rubric.base_max}, "
        f"content hash {content_hash(rubric)}"
    )


@rubric_group.command("show")
@click.argument("code_or_file")
@FORMAT_OPTION
def show(code_or_file: str, output_format: str) -> None:
    """Show a built-in rubric (by code) or a rubric file as a tree."""
    rubric = resolve(code_or_file)
    if output_format == "json":
        echo_json({**rubric_to_dict(rubric), "content_hash": content_hash(rubric)})
        return
    click.echo(f"{rubric.code} v{rubric.version}  {rubric.title}")
    click.echo(
        f"base max {rubric.base_max} · pass mark {rubric.pass_mark or '—'} · "
        f"bonus cap {rubric.bonus_cap or '—'} · content hash {content_hash(rubric)}"
    )
    for node in rubric.nodes:
        echo_node(node, 0)


def echo_node(node: Node, depth: int) -> None:
    indent = "  " * depth
    points = f"[{node.max_points}]" if node.max_points is not None else ""
    if isinstance(node, Item):
        kind = "" if node.kind.value == "standard" else f" <{node.kind.value}>"
        click.echo(f"{indent}{node.number}{kind} {node.standard} {points}".rstrip())
        return
    label = node.title if node.title == node.number else f"{node.number} {node.title}"
    click.echo(f"{indent}{label} {points}".rstrip())
    for child in node.children:
        echo_node(child, depth + 1)


def resolve(code_or_file: str) -> Rubric:
    path = Path(code_or_file)
    if path.suffix in (".yaml", ".yml") or path.exists():
        return load_or_fail(path)
    rubric = find_builtin_rubric(code_or_file)
    if rubric is None:
        codes = ", ".join(r.code for r in builtin_rubrics())
        raise click.ClickException(f"no built-in rubric '{code_or_file}'; built-in: {codes}")
    return rubric


def load_or_fail(path: Path) -> Rubric:
    try:
        return load_rubric_file(path)
    except RubricDefinitionError as error:
        for problem in error.problems:
            click.echo(f"{error.source}: {problem}", err=True)
        raise click.ClickException(
            f"{error.source} refused: {len(error.problems)} problem(s); nothing was loaded"
        ) from None


@rubric_group.command("import")
@click.argument("file", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--code", help="The rubric's code (lower case, digits and hyphens).")
@click.option("--version", "version", type=int, default=1, show_default=True)
@click.option("--scored-level", type=click.Choice([level.value for level in UnitLevel]))
@click.option("--period", type=click.Choice([kind.value for kind in PeriodKind]))
@click.option("--output", "-o", type=click.Path(path_type=Path), help="Write the file here.")
def import_table(
    file: Path,
    code: str | None,
    version: int,
    scored_level: str | None,
    period: str | None,
    output: Path | None,
) -> None:
    """Propose a rubric file from a scoring table in an .xlsx file; list what is left to
    settle and check the proposal as publishing does (exit 1 when it would be refused)."""
    meta = Metadata(code, version, scored_level, period)
    try:
        proposal = propose_from_path(file, meta)
    except SpreadsheetRefusedError as error:
        for problem in error.problems:
            click.echo(str(problem), err=True)
        raise click.ClickException(
            f"{file} refused: {len(error.problems)} problem(s); nothing was proposed"
        ) from None
    if output is None:
        click.echo(proposal.text, nl=False)
    else:
        output.write_text(proposal.text, encoding="utf-8")
    click.echo(f"To settle ({len(proposal.settle)}):", err=True)
    for note in proposal.settle:
        click.echo(f"  {note}", err=True)
    for refused in proposal.problems:
        click.echo(f"refused by publishing: {refused}", err=True)
    if proposal.problems:
        raise click.ClickException(
            f"the proposal would be refused: {len(proposal.problems)} problem(s)"
        )
    click.echo(
        "The proposal passes the publishing checks once the list above is settled.", err=True
    )
