"""Per-request helpers: the application, the caller, versions (ETag / If-Match), `as_of`."""

from __future__ import annotations

import re
from datetime import date, datetime
from uuid import UUID

from flask import Response, current_app, g, request

from application.authorization import Caller
from application.bus import Bus, Outcome
from application.commands.base import Command
from application.unit_of_work import UnitOfWork
from infra.auth_tokens import AuthTables
from infra.login_throttle import LoginThrottle
from infra.projections.registry import Projections
from infra.read_models import ProjectedQueries
from infra.services import Services
from web.errors import PreconditionRequiredError

IF_MATCH = re.compile(r'^\s*(?:W/)?"?(\d{1,9})"?\s*$')
IDEMPOTENCY_KEY = re.compile(r"^[\x21-\x7e]{1,200}$")


def services() -> Services:
    """What the app was built with (`infra.bootstrap.build`)."""
    found: Services = current_app.extensions["services"]
    return found


def queries() -> ProjectedQueries:
    """The guarded reads, authorizing through the request's unit of work (each aggregate
    read once per request, shared with authentication and the command)."""
    if "queries" not in g:
        g.queries = services().queries.within(unit_of_work())
    found: ProjectedQueries = g.queries
    return found


def bus() -> Bus:
    return services().bus


def unit_of_work() -> UnitOfWork:
    """The request's unit of work: what authentication, the command and the answer read,
    each aggregate read once."""
    if "uow" not in g:
        g.uow = bus().unit_of_work()
    found: UnitOfWork = g.uow
    return found


def handle(command: Command) -> Outcome:
    """Run a command as this request's caller (a write: If-Match is required)."""
    return bus().handle(command, caller(write=True), unit_of_work())


def create(command: Command) -> Outcome:
    """Run a command that creates its aggregate: there is no version to name, and an
    Idempotency-Key repeats the first answer."""
    return bus().handle(command, caller(), unit_of_work())


def projections() -> Projections:
    """The read models' own state (how far each has applied the log, and any failure), which
    the health check reports; what they hold is read through `queries()`."""
    return services().projections


def auth_tables() -> AuthTables:
    return services().auth_tables


def login_throttle() -> LoginThrottle:
    return services().login_throttle


def today() -> date:
    """The day in China by the application's clock."""
    return queries().log.today()


def account_id() -> UUID:
    """The authenticated account (the before-request hook refused anonymous calls)."""
    found: UUID = g.account_id
    return found


def caller(write: bool = False) -> Caller:
    """The caller of this request; for a write, the If-Match version is required."""
    expected = expected_version() if write else None
    key = request.headers.get("Idempotency-Key") if request.method == "POST" else None
    if key is not None and not IDEMPOTENCY_KEY.match(key):
        key = None
    return Caller(account_id(), g.request_id, key, expected)


def expected_version() -> int:
    header = request.headers.get("If-Match")
    if header is None:
        raise PreconditionRequiredError(
            "this change needs If-Match with the version you read (the ETag of the resource); "
            'read it, then send If-Match: "<version>"'
        )
    found = IF_MATCH.match(header)
    if found is None:
        raise PreconditionRequiredError(
            f'If-Match must be one version number in quotes, like "3"; got {header[:40]!r}'
        )
    return int(found.group(1))


def with_version(response: Response, version: int) -> Response:
    response.headers["ETag"] = f'"{version}"'
    return response


def as_of_position(at: datetime | None) -> int | None:
    """The log position of the last event at or before a moment (None: now)."""
    return queries().log.position_at(at)
