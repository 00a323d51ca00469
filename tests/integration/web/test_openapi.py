"""The OpenAPI document describes the API truthfully: schemathesis generates requests for
every operation, as each role of the demo (station staff, town reviewer, county auditor, city
regulator, administrator) on a store holding the demo quarter, and checks that none answers
with a server error and every answer conforms to the document. The interactive page needs no
CDN."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from application.passwords import MIN_PASSWORD
from domain.account import Role
from domain.workflow import PERIOD_PATTERN
from tests.integration.web.demo_api import ROLES, DemoApi, LoadedDemo
from tests.integration.web.demo_api import demo_api as build_demo_api

EXAMPLES = 30
"""Generated requests per operation, spread over the roles and over valid and invalid
input: enough to find 5xx and drift, quick enough for make test (under a minute for every
operation on two cores)."""
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture(scope="module")
def demo_api(
    loaded_demo: LoadedDemo, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[DemoApi]:
    with build_demo_api(loaded_demo, tmp_path_factory.mktemp("openapi") / "store") as api:
        yield api


def test_every_operation_answers_as_documented(demo_api: DemoApi) -> None:
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", demo_api.app)
    failures: list[str] = []
    answered: dict[str, set[int]] = {}
    operations = [result.ok() for result in schema.get_all_operations()]  # type: ignore[union-attr]
    assert len(operations) > 40
    for operation in operations:
        try:
            exercise(operation, demo_api, answered.setdefault(operation.label, set()))
        except (Exception, BaseExceptionGroup) as error:  # every operation is tried, all reported
            failures.append(f"{operation.label}: {error}")
    assert not failures, "\n\n".join(failures)
    # The logged-in calls got past authentication: most operations answered something else.
    authenticated = [label for label, codes in answered.items() if codes - {401}]
    assert len(authenticated) > len(operations) * 0.8, answered


def exercise(operation: Any, api: DemoApi, statuses: set[int]) -> None:
    """Send generated requests to one operation, valid ones (some aimed at what exists)
    and ones the document rules out, each as one of the roles, and check each answer; the
    same examples every run (derandomized), so a failure is reproducible."""
    aimed = [
        operation.as_strategy(GenerationMode.POSITIVE, path_parameters=values)
        for values in api.path_values(operation.path)
    ]
    cases = st.one_of(
        operation.as_strategy(GenerationMode.POSITIVE),
        operation.as_strategy(GenerationMode.NEGATIVE),
        *aimed,  # at real sheets, campaigns, units, accounts and tables of the demo
    )

    @given(case=cases, role=st.sampled_from([role for role, _ in ROLES]))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    def call(case: Any, role: Role) -> None:
        case.headers = {**(case.headers or {}), **api.bearer(role)}
        statuses.add(case.call_and_validate(checks=CHECKS).status_code)

    call()


def parameter(document: dict[str, Any], path: str, method: str, name: str) -> dict[str, Any]:
    found = document["paths"][path][method]["parameters"]
    return next(p for p in found if p["name"] == name)


def test_the_document_states_the_formats_a_client_must_send(demo_api: DemoApi) -> None:
    document = demo_api.app.test_client().get("/api/openapi.json").get_json()
    if_match = parameter(document, "/api/v1/assessments/{aid}/submit", "post", "If-Match")
    assert re.fullmatch(if_match["schema"]["pattern"].strip("^$"), '"26"')
    assert not re.fullmatch(if_match["schema"]["pattern"].strip("^$"), "26x")
    key = parameter(document, "/api/v1/assessments", "post", "Idempotency-Key")
    assert "200 visible ASCII" in key["description"]
    assert re.fullmatch(key["schema"]["pattern"].strip("^$"), "a" * 200)
    assert not re.fullmatch(key["schema"]["pattern"].strip("^$"), "a" * 201)
    assert not re.fullmatch(key["schema"]["pattern"].strip("^$"), "a b")
    period = parameter(document, "/api/v1/tasks", "get", "period")
    assert period["schema"]["pattern"] == PERIOD_PATTERN and "2000–2099" in period["description"]
    password = document["components"]["schemas"]["Password"]["properties"]["password"]
    assert password["minLength"] == MIN_PASSWORD and str(MIN_PASSWORD) in password["description"]


def test_the_document_and_its_page_are_served_without_a_cdn(demo_api: DemoApi) -> None:
    client = demo_api.app.test_client()
    document = client.get("/api/openapi.json").get_json()
    assert document["info"]["title"] == "Kaohe 考核 API"
    assert "/api/v1/assessments/{aid}/approve" in document["paths"]
    page = client.get("/api/docs").get_data(as_text=True)
    assert "/api/docs/assets/swagger-ui-bundle.js" in page
    assert "//" not in page.replace("http://", "").split("<script>")[0].replace("<!DOCTYPE", "")
    with client.get("/api/docs/assets/swagger-ui-bundle.js") as asset:
        assert asset.status_code == 200 and len(asset.data) > 100_000
