"""The unit hierarchy for authorization, answered by the units read model."""

from __future__ import annotations

from uuid import UUID

from application.ports import TreeNode
from infra.projections.registry import Projections
from projections.units import UNITS


class ViewUnitTree:
    """Parents from the units view, trusted only while the view has applied the whole log:
    a unit registered or moved a moment ago is then answered by its aggregate instead
    (read-your-writes), at the cost of one aggregate read through the unit of work."""

    def __init__(self, projections: Projections) -> None:
        self.projections = projections

    def node(self, unit_id: UUID) -> TreeNode | None:
        if not self._current():
            return None
        row = self.projections.units().unit(unit_id)
        return None if row is None else TreeNode(row.unit_id, row.parent_id)

    def _current(self) -> bool:
        self.projections.ensure()
        versions = self.projections.catalog.versions(UNITS)
        head = self.projections.store.recorder.max_notification_id() or 0
        return versions is not None and versions.active_position >= head
