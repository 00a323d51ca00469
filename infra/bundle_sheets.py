"""Which sheets a unit's bundle holds: every sheet of the unit and its subtree for a period."""

from __future__ import annotations

from uuid import UUID

from infra.projections.registry import Projections
from projections.scores import SheetFilter
from projections.units import subtree


def unit_sheets(projections: Projections, code: str, period: str) -> list[UUID]:
    """The ids of the sheets of the unit `code` and every unit under it for `period`, as the
    read models stand (brought up to date first); a ValueError names an unknown unit."""
    projections.catch_up()
    units = projections.units()
    unit = units.unit_by_code(code)
    if unit is None:
        msg = f"--unit {code}: no such unit; give a unit code such as those of kaohe export"
        raise ValueError(msg)
    where = SheetFilter(unit_ids=subtree(units, unit.unit_id), period=period)
    return [row.assessment_id for row in projections.scores().sheets(where)]
