"""GET /api/v1/audit: one page of the audit trail, newest first, inside the caller's reach."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView

from application.authorization import Caller
from application.queries.trail import TrailReach
from application.view_ports import TrailAsk
from domain.ids import account_id
from projections.audit_trail import AuditRow
from web.context import as_of_position, caller, queries
from web.resources.audit.schemas import AuditPageSchema, AuditQuerySchema
from web.smorest import api_blueprint

blp = api_blueprint("audit", __name__, url_prefix="/api/v1/audit", description="The audit trail")


def row_json(row: AuditRow) -> dict[str, Any]:
    return {
        "position": row.position,
        "occurred_at": row.occurred_at,
        "actor_id": row.actor_id,
        "actor_role": row.actor_role,
        "actor_unit": row.actor_unit,
        "correlation_id": row.correlation_id,
        "event": row.event_name,
        "event_id": row.event_id,
        "kind": row.aggregate_kind,
        "assessment_id": row.assessment_id,
        "unit_id": row.unit_id,
        "item": row.item,
        "layer": row.layer,
        "old_layer": row.old_layer,
        "old": row.old,
        "new": row.new,
        "detail": row.detail,
        "reason": row.reason,
        "hash": row.hash,
    }


def scope(who: Caller, query: dict[str, Any]) -> TrailReach:
    """How far the caller's page reaches: the assessment or unit asked for, or all it may
    read."""
    return queries().trail.reach(who, query.get("assessment"), query.get("unit"))


@blp.route("")
class AuditViews(MethodView):
    @blp.arguments(AuditQuerySchema, location="query")
    @blp.response(200, AuditPageSchema)
    def get(self, query: dict[str, Any]) -> dict[str, Any]:
        """Who did what, when and why, newest first; page with `before`."""
        who = caller()
        reach = scope(who, query)
        actor = query.get("actor")
        page = queries().trail.page(
            reach,
            TrailAsk(
                item=query.get("item"),
                actor_id=str(account_id(actor)) if actor else None,
                since=query.get("since"),
                until=query.get("until"),
                as_of=as_of_position(query.get("as_of")),
                before=query.get("before"),
                limit=query["limit"],
            ),
        )
        return {"rows": [row_json(r) for r in page.rows], "next_before": page.next_before}
