"""The demo's inspection group dividing a sheet: before the inspector records a county
centre's deduction, the group's leader (who opened the sheet) assigns the deduction section
(减分项) to him, as the notice lets the group divide the sections among its members."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from application.commands.assessments import AssignSections
from infra.demo.plan import INSPECTOR

DEDUCTIONS = "减分项"


def assign_deductions(do: Callable[[Any, AssignSections], object], lead: Any, aid: UUID) -> None:
    """The leader gives the deduction section to the inspector (through the authorizing bus)."""
    do(lead, AssignSections(assessment_id=aid, inspector=INSPECTOR, sections=(DEDUCTIONS,)))
