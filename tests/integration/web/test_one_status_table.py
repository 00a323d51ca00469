"""A refusal raised in a page and in an API route is answered with the same status: both read
web.errors.STATUSES, so the pages and the API cannot drift apart."""

from __future__ import annotations

from typing import NoReturn

import pytest
from flask import Flask

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
from tests.integration.web.test_page_text import signed_in
from tests.integration.web.world import World
from web.errors import (
    STATUSES,
    InputRefusedError,
    MissingFieldError,
    PageInputError,
    PreconditionRequiredError,
    ThrottledError,
)
from web.pages.base import page_blueprint

RAISED: list[tuple[Exception, int]] = [
    (WrongPasswordError("the current password is wrong"), 403),
    (PermissionDeniedError("not yours"), 403),
    (NotFoundError("no such sheet"), 404),
    (ConflictError("already exists"), 409),
    (EvidenceAlteredError("the stored file was altered"), 409),
    (PreconditionRequiredError("send If-Match"), 428),
    (ThrottledError("too many", retry_after=60), 429),
    (MissingFieldError("reason", "a reason is needed"), 422),
    (InputRefusedError(413, "too large"), 413),
    (PageInputError("a form we never send"), 422),
    (ScoringInputError(["item 1: points above the maximum"]), 422),
    (RubricDefinitionError("r.json", []), 422),
    (FieldError("period", "not a period", "不是有效的期间"), 422),
    (DomainError("a finalized sheet cannot be scored"), 422),
    (TableRequestError("no such table"), 422),
    (UnknownSourceError("no such source"), 422),
]
"""Every refusal of the table but signing in (a page asks for it instead), with its status."""


def raising_routes(app: Flask) -> None:
    """`/raises/<i>` as a page and `/api/raises/<i>` as an API route raise RAISED[i]."""

    def raise_it(i: int) -> NoReturn:
        raise RAISED[i][0]

    pages = page_blueprint("raises", __name__, url_prefix="/raises")
    pages.add_url_rule("/<int:i>", view_func=raise_it)
    app.register_blueprint(pages)
    app.add_url_rule("/api/raises/<int:i>", "api_raises", raise_it)


def test_every_refusal_in_the_table_is_raised_here() -> None:
    raised = {type(error) for error, _ in RAISED}
    assert set(STATUSES) - raised == {AuthenticationError}


@pytest.mark.parametrize("i", range(len(RAISED)), ids=[type(e).__name__ for e, _ in RAISED])
def test_a_page_and_an_api_route_answer_a_refusal_with_the_same_status(
    world: World, i: int
) -> None:
    raising_routes(world.app)
    page = signed_in(world, "admin").get(f"/raises/{i}")
    api = world.client.get(f"/api/raises/{i}")
    assert (page.status_code, api.status_code) == (RAISED[i][1], RAISED[i][1])
    assert page.mimetype == "text/html"
    assert api.mimetype == "application/problem+json"
