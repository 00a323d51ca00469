"""The web's errors, and the one table of what status each error is answered with, which the
API's problem responses and the pages' error pages both read."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from application.errors import (
    AuthenticationError,
    ConflictError,
    EvidenceAlteredError,
    NotFoundError,
    PermissionDeniedError,
    WrongPasswordError,
)
from domain.errors import DomainError, FieldError, RubricDefinitionError, ScoringInputError
from infra.errors import TableRequestError
from projections.errors import UnknownSourceError


class PreconditionRequiredError(Exception):
    """A write came without If-Match (428)."""


class MissingFieldError(Exception):
    """A field this request needs although the schema leaves it optional (422)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class ThrottledError(Exception):
    """Too many failed logins for this account or address (429)."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class PageInputError(Exception):
    """A form sent something no page of ours sends (422)."""


@dataclass(frozen=True)
class FieldProblem:
    """One refused value: where it was (location and dotted field) and why."""

    location: str
    field: str
    message: str
    message_zh: str
    words_zh: str = ""
    """What is wrong and allowed, in Chinese, without naming the field (said beside it)."""

    def as_dict(self) -> dict[str, str]:
        return {
            "location": self.location,
            "field": self.field,
            "message": self.message,
            "message_zh": self.message_zh,
        }


class InputRefusedError(Exception):
    """Input refused before it reached the application; nothing was stored. Its status says
    how (415, 413, 400, 422), so it overrides the table's."""

    def __init__(
        self, status: int, detail: str, problems: list[FieldProblem] | None = None, count: int = 0
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.problems = problems or []
        self.count = max(count, len(self.problems))


STATUSES: Mapping[type[Exception], int] = {
    AuthenticationError: 401,
    WrongPasswordError: 403,
    PermissionDeniedError: 403,
    NotFoundError: 404,
    ConflictError: 409,
    EvidenceAlteredError: 409,
    PreconditionRequiredError: 428,
    ThrottledError: 429,
    MissingFieldError: 422,
    InputRefusedError: 422,
    PageInputError: 422,
    ScoringInputError: 422,
    RubricDefinitionError: 422,
    FieldError: 422,
    DomainError: 422,
    TableRequestError: 422,
    UnknownSourceError: 422,
}
"""The status of each refusal, for the API and the pages alike. An error not listed (nor a
subclass of one listed) is unexpected: 500. The API alone refines two: a conflict with a
version sent in If-Match is 412, and input refused at the edge carries its own status."""

REFUSED_ERRORS: tuple[type[Exception], ...] = tuple(STATUSES)


def status_of(error: Exception) -> int:
    """The status an error is answered with: its own if it carries one, else its class's (or
    its nearest listed base class's) in the table, else 500."""
    own = getattr(error, "status", None)
    if isinstance(error, InputRefusedError) and isinstance(own, int):
        return own
    for cls in type(error).__mro__:
        if cls in STATUSES:
            return STATUSES[cls]
    return 500


def detail_of(error: Exception) -> str:
    """What a refusal says; a LookupError's text is its argument's repr, without the quotes."""
    detail = str(error)
    return detail.strip("'\"") if isinstance(error, LookupError) else detail
