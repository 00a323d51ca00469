"""The flask-smorest Api of Kaohe: errors documented and served as problem details."""

from __future__ import annotations

import http
from typing import Any

from flask_smorest import Api  # type: ignore[import-untyped]
from flask_smorest.utils import prepare_response  # type: ignore[import-untyped]
from werkzeug.exceptions import HTTPException

from web.api_errors import http_problem
from web.problems import PROBLEM, ProblemSchema

SECURITY_SCHEMES = {
    "bearerAuth": {"type": "http", "scheme": "bearer"},
    "sessionCookie": {"type": "apiKey", "in": "cookie", "name": "kaohe_session"},
}


class KaoheApi(Api):  # type: ignore[misc]
    """Every documented error response is problem+json with `ProblemSchema`."""

    ERROR_SCHEMA = ProblemSchema

    def _register_responses(self) -> None:
        for status in http.HTTPStatus:
            response: dict[str, Any] = {"description": status.phrase}
            if not (100 <= status < 200) and status not in (204, 304):
                response["schema"] = self.ERROR_SCHEMA
            prepare_response(response, self.spec, PROBLEM)
            self.spec.components.response(status.name, response, lazy=True)
        default = {"description": "An error (problem details)", "schema": self.ERROR_SCHEMA}
        prepare_response(default, self.spec, PROBLEM)
        self.spec.components.response("DEFAULT_ERROR", default, lazy=True)

    def handle_http_exception(self, error: HTTPException) -> Any:
        return http_problem(error)


def api_config() -> dict[str, Any]:
    return {
        "API_TITLE": "Kaohe 考核 API",
        "API_VERSION": "v1",
        "OPENAPI_VERSION": "3.0.3",
        "OPENAPI_URL_PREFIX": "/api",
        "OPENAPI_JSON_PATH": "openapi.json",
        "OPENAPI_SWAGGER_UI_PATH": "docs",
        "OPENAPI_SWAGGER_UI_URL": "/api/docs/assets/",
        "API_SPEC_OPTIONS": {
            "info": {
                "description": (
                    "Scoring, review and audit of veterans' service centres and stations. "
                    "Log in with POST /api/v1/auth/token, then send Authorization: Bearer "
                    "<token>. Writes need If-Match with the resource's ETag (its version); "
                    "POSTs accept an Idempotency-Key."
                )
            },
            "security": [{"bearerAuth": []}, {"sessionCookie": []}],
            "components": {"securitySchemes": SECURITY_SCHEMES},
        },
    }
