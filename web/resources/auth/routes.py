"""POST/DELETE /api/v1/auth/token (scripts) and /api/v1/auth/session (browsers)."""

from __future__ import annotations

from typing import Any

from flask import Response, current_app, jsonify
from flask.views import MethodView

from web.auth import (
    BEARER,
    SESSION,
    csrf_token,
    end_session,
    log_in,
    presented_token,
    start_session,
)
from web.context import auth_tables
from web.resources.auth.schemas import LoginSchema, SessionSchema, TokenSchema
from web.smorest import api_blueprint

blp = api_blueprint("auth", __name__, url_prefix="/api/v1/auth", description="Log in and out")


@blp.route("/token")
class TokenViews(MethodView):
    @blp.doc(security=[])
    @blp.arguments(LoginSchema)
    @blp.response(200, TokenSchema)
    def post(self, login: dict[str, str]) -> dict[str, Any]:
        """Exchange a username and password for a bearer token (throttled after failures)."""
        _, issued = log_in(login["username"], login["password"], BEARER)
        return {
            "access_token": issued.token,
            "token_type": "bearer",
            "expires_in": int(issued.lifetime.total_seconds()),
        }

    @blp.response(204)
    def delete(self) -> None:
        """Revoke the bearer token of this request: it stops working at once."""
        presented = presented_token()
        if presented is not None:
            auth_tables().revoke(presented[0])


@blp.route("/session")
class SessionViews(MethodView):
    @blp.doc(security=[])
    @blp.arguments(LoginSchema)
    @blp.response(200, SessionSchema)
    def post(self, login: dict[str, str]) -> Response:
        """Log in a browser: an HttpOnly, SameSite=Strict session cookie and a CSRF token."""
        account, issued = log_in(login["username"], login["password"], SESSION)
        response = jsonify(
            {
                "csrf_token": csrf_token(issued.token),
                "expires_in": int(issued.lifetime.total_seconds()),
                "username": account.username,
            }
        )
        start_session(response, issued)
        return response

    @blp.response(204)
    def delete(self) -> Response:
        """Log the browser out: the session is revoked and its cookies cleared."""
        response = current_app.response_class(status=204)
        end_session(response)
        return response
