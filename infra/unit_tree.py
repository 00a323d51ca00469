"""The unit hierarchy for authorization, answered by the units read model."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from application.ports import TreeNode
from infra.projections.registry import Projections
from projections.units import UNITS


class ViewUnitTree:
    """Parents from the units view, trusted once the view has applied what the request must
    see (`Projections.reflects_caller`: the caller's own last write where a worker keeps the
    views current, else the whole log): until then a unit registered or moved a moment ago is
    answered by its aggregate instead (read-your-writes), at the cost of one aggregate read
    through the unit of work. Also the namesakes under a parent, for the handlers that name
    units."""

    def __init__(self, projections: Projections) -> None:
        self.projections = projections

    def node(self, unit_id: UUID, on: date | None = None) -> TreeNode | None:
        if not self._current():
            return None
        units = self.projections.units()
        if on is None:
            row = units.unit(unit_id)
            return None if row is None else TreeNode(row.unit_id, row.parent_id)
        links = units.parent_history(unit_id)
        if not links:
            return None
        day = on.isoformat()
        # As Unit.parent_on: registration, then each move recorded that counts by then.
        parent = links[0].parent_id
        for link in links[1:]:
            if link.effective_from <= day:
                parent = link.parent_id
        return TreeNode(unit_id, parent)

    def namesake(self, parent_id: UUID, name: str) -> str | None:
        """Read from the view brought up to the log, as the units queries read it."""
        self.projections.catch_up([UNITS])
        return next(
            (
                row.code
                for row in self.projections.units().all_units()
                if row.parent_id == parent_id and row.name == name and not row.closed
            ),
            None,
        )

    def _current(self) -> bool:
        return self.projections.reflects_caller(UNITS)
