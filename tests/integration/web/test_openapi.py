"""The OpenAPI document describes the API truthfully: schemathesis generates requests for
every operation (as a logged-in administrator) and checks that none answers with a server
error and every answer conforms to the document. The interactive page needs no CDN."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from infra.bootstrap import open_event_store
from infra.login_throttle import ThrottlePolicy
from infra.settings import Settings
from tests.integration.web.world import World, build_world

EXAMPLES = 6
"""Generated requests per operation: enough to find 5xx and drift, quick enough for make test."""
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture(scope="module")
def api_world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    data = tmp_path_factory.mktemp("openapi")
    store = open_event_store(Settings(data_dir=data))
    try:
        # Generated logins fail by the hundred from one address: do not lock the tests out.
        lenient = {"KAOHE_LOGIN_THROTTLE": ThrottlePolicy(per_account=10_000, per_address=10_000)}
        world = build_world(store, Path(data) / "evidence", lenient)
        world.assessment("V1", "2023Q2", "submitted")
        yield world
    finally:
        store.close()


def test_every_operation_answers_as_documented(api_world: World) -> None:
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", api_world.app)
    failures: list[str] = []
    answered: dict[str, set[int]] = {}
    operations = [result.ok() for result in schema.get_all_operations()]  # type: ignore[union-attr]
    assert len(operations) > 40
    for operation in operations:
        try:
            exercise(operation, api_world, answered.setdefault(operation.label, set()))
        except Exception as error:  # every operation is tried; all failures are reported
            failures.append(f"{operation.label}: {error}")
    assert not failures, "\n\n".join(failures)
    # The logged-in calls got past authentication: most operations answered something else.
    authenticated = [label for label, codes in answered.items() if codes - {401}]
    assert len(authenticated) > len(operations) * 0.8, answered


def exercise(operation: Any, world: World, statuses: set[int]) -> None:
    """Send generated requests to one operation as the administrator and check each answer."""

    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    def call(case: Any) -> None:
        world.tokens.pop("admin", None)  # a generated DELETE may have revoked the last one
        case.headers = {**(case.headers or {}), **world.login("admin")}
        statuses.add(case.call_and_validate(checks=CHECKS).status_code)

    call()


def test_the_document_and_its_page_are_served_without_a_cdn(api_world: World) -> None:
    client = api_world.client
    document = client.get("/api/openapi.json").get_json()
    assert document["info"]["title"] == "Kaohe 考核 API"
    assert "/api/v1/assessments/{aid}/approve" in document["paths"]
    page = client.get("/api/docs").get_data(as_text=True)
    assert "/api/docs/assets/swagger-ui-bundle.js" in page
    assert "//" not in page.replace("http://", "").split("<script>")[0].replace("<!DOCTYPE", "")
    with client.get("/api/docs/assets/swagger-ui-bundle.js") as asset:
        assert asset.status_code == 200 and len(asset.data) > 100_000
