"""Reading rubric files (YAML) and the rubrics built into Kaohe."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from domain.errors import Problem, RubricDefinitionError
from domain.input_text import allowed_text, text_problem
from domain.rubric import Rubric
from domain.rubric_definition import rubric_from_definition

BUILTIN_DIR = Path(__file__).parent / "rubrics"


def parse_definition(text: str, source: str) -> Any:
    """The definition in YAML text; every scalar is read as text so points stay exact."""
    try:
        data = yaml.load(text, Loader=yaml.BaseLoader)  # BaseLoader builds no objects
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "file"
        problem = getattr(error, "problem", None) or str(error)
        raise RubricDefinitionError(
            source, [Problem(where, f"not valid YAML: {problem}")]
        ) from None
    problems = list(text_problems(data))
    if problems:
        raise RubricDefinitionError(source, problems)
    return data


def text_problems(data: Any) -> Iterator[Problem]:
    """Every text of a definition holding control characters or lone surrogates (YAML's
    escapes such as "\\0" or "\\ud800" can write them); keys must be single-line, values may
    span lines. Walked without recursion, in document order."""
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:
        where, found = stack.pop()
        if isinstance(found, str):
            if why := text_problem(found, multiline=True):
                yield Problem(where or "file", f"contains {why}; {allowed_text(True)}")
        elif isinstance(found, dict):
            for key, value in reversed(found.items()):
                at = f"{where}.{key}" if where else str(key)
                if why := text_problem(str(key)):
                    yield Problem(where or "file", f"a key contains {why}; {allowed_text(False)}")
                    at = f"{where}.?" if where else "?"
                stack.append((at, value))
        elif isinstance(found, list):
            stack.extend((f"{where}[{i}]", found[i]) for i in reversed(range(len(found))))


def parse_rubric_text(text: str, source: str) -> Rubric:
    """A rubric from YAML text, checked whole."""
    return rubric_from_definition(parse_definition(text, source), source)


def read_definition(path: Path) -> Any:
    """The raw definition in a rubric file (for publishing), checked whole."""
    definition = parse_definition(read_text(path), str(path))
    rubric_from_definition(definition, str(path))
    return definition


def load_rubric_file(path: Path) -> Rubric:
    """The rubric in a file, or RubricDefinitionError naming the file and each problem."""
    return parse_rubric_text(read_text(path), str(path))


def read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise RubricDefinitionError(
            str(path), [Problem("file", "not UTF-8 text; save the rubric as UTF-8")]
        ) from None
    except OSError as error:
        raise RubricDefinitionError(
            str(path), [Problem("file", error.strerror or str(error))]
        ) from None


def builtin_rubric_paths() -> list[Path]:
    return sorted(BUILTIN_DIR.glob("*.yaml"))


def builtin_rubrics() -> list[Rubric]:
    """The rubrics shipped with Kaohe (the four seed tables), by code and version."""
    rubrics = [load_rubric_file(path) for path in builtin_rubric_paths()]
    return sorted(rubrics, key=lambda r: (r.code, r.version))


def find_builtin_rubric(code: str, version: int | None = None) -> Rubric | None:
    """The built-in rubric with this code: the given version, else the newest."""
    matches = [r for r in builtin_rubrics() if r.code == code]
    if version is not None:
        matches = [r for r in matches if r.version == version]
    return matches[-1] if matches else None
