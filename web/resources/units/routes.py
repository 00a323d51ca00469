"""/api/v1/units: the tree a caller may see, one unit, contacts, and changes."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask.views import MethodView

from application.authorization import Action
from application.bus import Outcome
from application.commands.units import (
    CloseUnit,
    MoveUnit,
    RegisterUnit,
    RenameUnit,
    SetUnitContact,
)
from domain.unit import Unit
from projections.units import FOREVER, UnitRow
from web.context import caller, create, guarded, handle, kaohe, projections, unit_of_work
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
    uow = unit_of_work()
    parent = uow.load(Unit, unit.parent_id, "parent").code if unit.parent_id else None
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


def current(code: str) -> tuple[dict[str, Any], int, dict[str, str]]:
    unit = kaohe().units.get(code)
    return versioned(unit_json(unit), unit.version)


def changed(outcome: Outcome, status: int = 200) -> tuple[dict[str, Any], int, dict[str, str]]:
    """The unit the command saved (or first saved, when its key is repeated)."""
    unit = outcome.aggregate
    assert isinstance(unit, Unit)
    return versioned(unit_json(unit), outcome.version, status)


def subtree_rows(action: Action, label: str) -> tuple[list[UUID], dict[UUID, list[UUID]]]:
    """The caller's roots for an action, and the children of every unit (the latest tree)."""
    roots = guarded().reach(caller(), action, label)
    children: dict[UUID, list[UUID]] = {}
    for child, parent in projections().units().parents_on(FOREVER).items():
        if parent is not None:
            children.setdefault(parent, []).append(child)
    return roots, children


@blp.route("")
class UnitsViews(MethodView):
    @blp.response(200, UnitTreeSchema)
    def get(self) -> dict[str, Any]:
        """The units the caller may see, as a tree (from the units read model)."""
        roots, children = subtree_rows(Action.READ_UNITS, "units")
        reader = projections().units()

        def node(uid: UUID) -> dict[str, Any] | None:
            row = reader.unit(uid)
            if row is None:
                return None
            kids = [n for c in children.get(uid, []) if (n := node(c)) is not None]
            return {**row_json(row), "children": sorted(kids, key=lambda n: n["code"])}

        nodes = [n for root in roots if (n := node(root)) is not None]
        return {"roots": sorted(nodes, key=lambda n: n["code"])}

    @blp.doc(**CREATE)
    @blp.arguments(NewUnitSchema)
    @blp.response(201, UnitSchema)
    def post(self, command: RegisterUnit) -> Any:
        """Register a unit under its parent (administrators)."""
        return changed(create(command), 201)


def row_json(row: UnitRow) -> dict[str, Any]:
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
        guarded().unit(caller(), code)
        return current(code)


@blp.route("/<string:code>/contacts")
class UnitContactsViews(MethodView):
    @blp.response(200, ContactSchema(many=True))
    def get(self, code: str) -> list[dict[str, Any]]:
        """The contact and phone of the unit and every unit below it (附件2 联系人)."""
        unit = guarded().unit(caller(), code)
        _, children = subtree_rows(Action.READ_UNITS, f"unit:{code}")
        reader = projections().units()
        found, todo = [], [unit.id]
        while todo:
            uid = todo.pop(0)
            row = reader.unit(uid)
            if row is not None:
                found.append(row_json(row))
            todo += sorted(children.get(uid, []), key=str)
        return found


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
