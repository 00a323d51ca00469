"""Problems found in a rubric definition, reported all at once."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a definition: where it is and what is wrong or allowed."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class RubricDefinitionError(ValueError):
    """A rubric definition was refused; nothing from it was loaded."""

    def __init__(self, source: str, problems: list[Problem]) -> None:
        self.source = source
        self.problems = tuple(problems)
        lines = [f"{source}: {problem}" for problem in self.problems]
        super().__init__(f"{len(lines)} problem(s) in {source}:\n" + "\n".join(lines))
