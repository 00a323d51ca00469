"""/api/v1/hand-ups: hand a table up (上报), list what units under one handed up for a
period, and one hand-up with its restatement (what differs now, row by row)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any
from uuid import UUID

from flask.views import MethodView

from application.commands.hand_ups import HandUpTable
from domain.hand_up import Handed, HandUp, on_time
from domain.restatement import restatement
from web.context import caller, create, queries
from web.resources.audit.routes import row_json
from web.resources.common import CREATE, versioned
from web.resources.hand_ups.causes import causes
from web.resources.hand_ups.schemas import HandUpRequestSchema, HandUpSchema, HandUpsQuerySchema
from web.resources.hand_ups.snapshot import snapshot_of, tables_now
from web.smorest import api_blueprint

blp = api_blueprint(
    "hand_ups", __name__, url_prefix="/api/v1", description="Tables handed up (上报)"
)


def handed_json(record: HandUp, handed: Handed) -> dict[str, Any]:
    deadline = queries().hand_ups.due(record)
    return asdict(handed) | {"on_time": on_time(handed, deadline)}


def hand_up_json(record: HandUp, restated: bool = False) -> dict[str, Any]:
    unit = queries().units.row(record.unit_id)
    data: dict[str, Any] = {
        "id": record.id,
        "unit": unit.code if unit else str(record.unit_id),
        "unit_name": unit.name if unit else "",
        "table": record.table,
        "period": record.period,
        "version": record.version,
        "hand_ups": [handed_json(record, h) for h in record.hand_ups],
    }
    if restated:
        changes = restatement(record.latest.tables, tables_now(record))
        data["restatement"] = [asdict(c) for c in changes]
        data["causes"] = [row_json(row) for row in causes(record, changes)]
    return data


@blp.route("/hand-ups")
class HandUpsViews(MethodView):
    @blp.arguments(HandUpsQuerySchema, location="query")
    @blp.response(200, HandUpSchema(many=True))
    def get(self, query: dict[str, Any]) -> list[dict[str, Any]]:
        """The tables the unit and the units below it handed up for a period."""
        found = queries().hand_ups.under(caller(), query["unit"], query["period"])
        return [hand_up_json(record) for record in found]

    @blp.doc(**CREATE)
    @blp.arguments(HandUpRequestSchema)
    @blp.response(201, HandUpSchema)
    def post(self, asked: dict[str, Any]) -> Any:
        """Hand up the caller's unit's table of a period as it stands now: its rows, their
        SHA-256, the log position and signed checkpoint are recorded, with who and when."""
        snapshot = snapshot_of(asked["table"], asked["unit"], asked["period"])
        outcome = create(HandUpTable(**asked, snapshot=snapshot))
        assert isinstance(outcome.aggregate, HandUp)
        return versioned(hand_up_json(outcome.aggregate), outcome.version, 201)


@blp.route("/hand-ups/<uuid:hid>")
class HandUpByIdViews(MethodView):
    @blp.response(200, HandUpSchema)
    def get(self, hid: UUID) -> Any:
        """One unit's hand-ups of a table for a period, and the restatement of the last:
        each row that differs in the table as computed now, old → new."""
        record = queries().hand_ups.one(caller(), hid)
        return versioned(hand_up_json(record, restated=True), record.version)
