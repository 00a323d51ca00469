"""/api/v1/rectifications: the ledger, opening an item, one item, and its steps (the unit
reports; the county closes or reopens)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any
from uuid import UUID

from flask.views import MethodView

from application.bus import Outcome
from application.commands.rectifications import (
    CloseRectification,
    OpenRectification,
    ReopenRectification,
    ReportRectification,
)
from application.queries.rectifications import LedgerFilter
from domain.rectification import Rectification
from web.context import caller, create, handle, queries
from web.resources.common import CREATE, WRITE, versioned
from web.resources.rectifications.schemas import (
    CloseRectificationSchema,
    LedgerQueryArgsSchema,
    OpenRectificationSchema,
    RectificationLineSchema,
    RectificationSchema,
    ReopenRectificationSchema,
    ReportRectificationSchema,
)
from web.smorest import api_blueprint

blp = api_blueprint(
    "rectification_items",
    __name__,
    url_prefix="/api/v1",
    description="Rectification (整改台账): items opened from findings, reported, re-checked",
)


def item_json(r: Rectification) -> dict[str, Any]:
    return {
        "id": r.id,
        "source": r.source.to_data(),
        "unit_id": r.unit_id,
        "period": r.period,
        "problem": r.problem,
        "owner_account": r.owner.account_id,
        "owner_role": r.owner.role,
        "deadline": r.deadline,
        "status": r.status.value,
        "version": r.version,
        "evidence": [e.to_data() for report in r.reports for e in report.evidence],
        "history": [asdict(s) for s in r.history],
    }


def changed(outcome: Outcome, status: int = 200) -> tuple[dict[str, Any], int, dict[str, str]]:
    r = outcome.aggregate
    assert isinstance(r, Rectification)
    return versioned(item_json(r), outcome.version, status)


@blp.route("/rectifications")
class RectificationsViews(MethodView):
    @blp.arguments(LedgerQueryArgsSchema, location="query")
    @blp.response(200, RectificationLineSchema(many=True))
    def get(self, query: dict[str, Any]) -> list[dict[str, Any]]:
        """The items of the caller's units, oldest first, by town, period, status, overdue."""
        where = LedgerFilter(**query)
        return [asdict(x) for x in queries().rectifications.lines(caller(), where)]

    @blp.doc(**CREATE)
    @blp.arguments(OpenRectificationSchema)
    @blp.response(201, RectificationSchema)
    def post(self, command: OpenRectification) -> Any:
        """Open an item for a closed campaign's finding or a recorded risk signal (county)."""
        return changed(create(command), 201)


@blp.route("/rectifications/<uuid:rid>")
class RectificationByIdViews(MethodView):
    @blp.response(200, RectificationSchema)
    def get(self, rid: UUID) -> Any:
        """One item with its history; its ETag is its version."""
        r = queries().rectifications.item(caller(), rid)
        return versioned(item_json(r), r.version)


@blp.route("/rectifications/<uuid:rid>/report")
class ReportViews(MethodView):
    @blp.doc(**WRITE)
    @blp.arguments(ReportRectificationSchema)
    @blp.response(200, RectificationSchema)
    def post(self, command: ReportRectification, rid: UUID) -> Any:
        """The unit's own staff report what they did, with evidence files (base64)."""
        return changed(handle(command))


@blp.route("/rectifications/<uuid:rid>/close")
class CloseViews(MethodView):
    @blp.doc(**WRITE)
    @blp.arguments(CloseRectificationSchema)
    @blp.response(200, RectificationSchema)
    def post(self, command: CloseRectification, rid: UUID) -> Any:
        """The county re-checked and closes the item (销号)."""
        return changed(handle(command))


@blp.route("/rectifications/<uuid:rid>/reopen")
class ReopenViews(MethodView):
    @blp.doc(**WRITE)
    @blp.arguments(ReopenRectificationSchema)
    @blp.response(200, RectificationSchema)
    def post(self, command: ReopenRectification, rid: UUID) -> Any:
        """The county sends the item back to the unit with why (and a new deadline)."""
        return changed(handle(command))
