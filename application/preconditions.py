"""The expected version (If-Match) of a change, checked against what the change touches: the
whole aggregate, or only the items of a sheet it writes (in the layer it writes)."""

from __future__ import annotations

from collections.abc import Iterable

from application.errors import ConflictError
from domain.assessment import Assessment
from domain.audit import AuditedAggregate
from domain.workflow import Layer


def check_whole(expected: int, subject: AuditedAggregate) -> None:
    """A change of the whole aggregate must be based on its current version."""
    if expected == subject.version:
        return
    raise ConflictError(
        f"your change was based on version {expected}, but it is at version "
        f"{subject.version}; reload and try again",
        current_version=subject.version,
    )


def check_items(
    expected: int, sheet: Assessment, layer: Layer | None, numbers: Iterable[str]
) -> None:
    """A change of some items is based on any version of the sheet at or after the last
    change of each of them in the layer: changes of other items since do not refuse it."""
    if layer is None or expected > sheet.version:
        check_whole(expected, sheet)
        return
    changed = sheet.items_changed_after(expected, layer, numbers)
    if not changed:
        return
    said = "; ".join(
        f"item {c.number} was changed in the {c.layer.value} layer at version {c.version}"
        for c in changed
    )
    raise ConflictError(
        f"your change was based on version {expected}, but {said}; the sheet is at version "
        f"{sheet.version}; reload and try again",
        current_version=sheet.version,
        changed=[c.to_data() for c in changed],
    )
