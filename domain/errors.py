"""Every error the domain raises: a refused command, a refused field, input that does not fit."""

from __future__ import annotations

from dataclasses import dataclass


class DomainError(Exception):
    """A command the current state does not allow; the message names the state and action."""


class FieldError(DomainError):
    """A value of one field of a command that the domain refuses, said in English and Chinese
    (a period that is not of the rubric's kind, an item the rubric does not have)."""

    def __init__(self, field: str, message: str, message_zh: str) -> None:
        super().__init__(message)
        self.field = field
        self.message_zh = message_zh


class ScoringInputError(ValueError):
    """Entries that the rubric does not allow; each problem names the item and what is allowed."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(problems))


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a rubric definition: where it is and what is wrong or allowed."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class RubricDefinitionError(ValueError):
    """A rubric definition was refused, all its problems at once; nothing from it was loaded."""

    def __init__(self, source: str, problems: list[Problem]) -> None:
        self.source = source
        self.problems = tuple(problems)
        lines = [f"{source}: {problem}" for problem in self.problems]
        super().__init__(f"{len(lines)} problem(s) in {source}:\n" + "\n".join(lines))


class DecimalTextError(ValueError):
    """A number typed in another form than a plain ASCII decimal."""


class ProofError(ValueError):
    """A proof was asked for a leaf or tree size the log does not have."""


class CheckpointError(ValueError):
    """A checkpoint text that is not in the format; the message names the line."""
