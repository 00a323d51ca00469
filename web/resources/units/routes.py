"""/api/v1/units: the tree a caller may see, one unit, contacts, and changes."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView

from application.bus import Outcome
from application.commands.units import (
    CloseUnit,
    MoveUnit,
    RegisterUnit,
    RenameUnit,
    SetUnitContact,
)
from application.queries.units import UnitNode
from application.read_ports import UnitRecord
from domain.unit import Unit
from web.context import caller, create, handle, queries
from web.resources.common import CREATE, UPDATE, WRITE, versioned
from web.resources.units.schemas import (
    CloseUnitSchema,
    ContactChangeSchema,
    ContactSchema,
    MoveSchema,
    NewUnitSchema,
    RenameSchema,
    UnitSchema,
    UnitTreeSchema,
)
from web.smorest import api_blueprint

blp = api_blueprint("units", __name__, url_prefix="/api/v1/units", description="The unit hierarchy")


def unit_json(unit: Unit) -> dict[str, Any]:
    parent = queries().units.parent_code(unit)
    return {
        "code": unit.code,
        "name": unit.name,
        "level": unit.level.value,
        "parent": parent,
        "contact": unit.contact,
        "phone": unit.phone,
        "closed": unit.closed,
        "version": unit.version,
    }


def changed(outcome: Outcome, status: int = 200) -> tuple[dict[str, Any], int, dict[str, str]]:
    """The unit the command saved (or first saved, when its key is repeated)."""
    unit = outcome.aggregate
    assert isinstance(unit, Unit)
    return versioned(unit_json(unit), outcome.version, status)


@blp.route("")
class UnitsViews(MethodView):
    @blp.response(200, UnitTreeSchema)
    def get(self) -> dict[str, Any]:
        """The units the caller may see, as a tree (from the units read model)."""
        return {"roots": [node_json(n) for n in queries().units.tree(caller())]}

    @blp.doc(**CREATE)
    @blp.arguments(NewUnitSchema)
    @blp.response(201, UnitSchema)
    def post(self, command: RegisterUnit) -> Any:
        """Register a unit under its parent (administrators)."""
        return changed(create(command), 201)


def node_json(node: UnitNode) -> dict[str, Any]:
    return {**row_json(node.unit), "children": [node_json(n) for n in node.children]}


def row_json(row: UnitRecord) -> dict[str, Any]:
    return {
        "code": row.code,
        "name": row.name,
        "level": row.level,
        "contact": row.contact,
        "phone": row.phone,
        "closed": row.closed,
        "version": row.version,
    }


@blp.route("/<string:code>")
class UnitByCodeViews(MethodView):
    @blp.response(200, UnitSchema)
    def get(self, code: str) -> Any:
        """One unit as it stands now; its ETag is its version."""
        unit = queries().units.unit(caller(), code)
        return versioned(unit_json(unit), unit.version)


@blp.route("/<string:code>/contacts")
class UnitContactsViews(MethodView):
    @blp.response(200, ContactSchema(many=True))
    def get(self, code: str) -> list[dict[str, Any]]:
        """The contact and phone of the unit and every unit below it (附件2 联系人)."""
        return [row_json(row) for row in queries().units.contacts(caller(), code)]


@blp.route("/<string:code>/contact")
class UnitContactViews(MethodView):
    @blp.doc(**UPDATE)
    @blp.arguments(ContactChangeSchema)
    @blp.response(200, UnitSchema)
    def put(self, command: SetUnitContact, code: str) -> Any:
        """Set the unit's contact person and phone."""
        return changed(handle(command))


@blp.route("/<string:code>/name")
class UnitNameViews(MethodView):
    @blp.doc(**UPDATE)
    @blp.arguments(RenameSchema)
    @blp.response(200, UnitSchema)
    def put(self, command: RenameUnit, code: str) -> Any:
        """Rename the unit (administrators)."""
        return changed(handle(command))


@blp.route("/<string:code>/move")
class UnitMoveViews(MethodView):
    @blp.doc(**WRITE)
    @blp.arguments(MoveSchema)
    @blp.response(200, UnitSchema)
    def post(self, command: MoveUnit, code: str) -> Any:
        """Move the unit under another parent from a date (administrators)."""
        return changed(handle(command))


@blp.route("/<string:code>/close")
class UnitCloseViews(MethodView):
    @blp.doc(**WRITE)
    @blp.arguments(CloseUnitSchema)
    @blp.response(200, UnitSchema)
    def post(self, command: CloseUnit, code: str) -> Any:
        """Close the unit (administrators)."""
        return changed(handle(command))
