"""GET /api/v1/health: a status for load balancers, each read model's state for accounts."""

from __future__ import annotations

from typing import Any

from flask import request
from flask.views import MethodView

from web.auth import SESSION_COOKIE, authenticate_request
from web.context import projections
from web.resources.health.schemas import HealthSchema
from web.smorest import api_blueprint

blp = api_blueprint("health", __name__, url_prefix="/api/v1/health", description="Service health")


@blp.route("")
class HealthViews(MethodView):
    @blp.response(200, HealthSchema)
    @blp.alt_response(503, description="The store cannot be reached (Retry-After).")
    def get(self) -> dict[str, Any]:
        """The store's and the read models' health: `status` for anyone (200 ok or degraded,
        503 when the store cannot be reached); with a login, each read model's state, lag
        and, if it failed, the event it stopped at."""
        found = projections().status()  # reads the store: 503 when it cannot
        status = "degraded" if any(s.state == "failed" for s in found) else "ok"
        if not _signed_in():
            return {"status": status}
        shown = [{k: v for k, v in s.to_json().items() if k in SHOWN} for s in found]
        return {"status": status, "store": "reachable", "projections": shown}


SHOWN = frozenset({"name", "state", "position", "head", "lag", "failure"})


def _signed_in() -> bool:
    """Whether the caller sent credentials; wrong ones are refused (401) as anywhere else."""
    if not (request.headers.get("Authorization") or request.cookies.get(SESSION_COOKIE)):
        return False
    authenticate_request()
    return True
