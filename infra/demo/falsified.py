"""The consequence the demo's county auditor names for the falsification its spot check finds:
the one the sheet's rubric declares, and otherwise the veto the demo has always recorded."""

from __future__ import annotations

from application.consequences import Consequence, Deduct, Veto
from domain.rubric import Rubric

UNDECLARED = Veto("61", "4")
"""Seed 002 item 61, condition 4 (其他规定取消考核资格的): what a rubric that declares no
consequence (Fengdu v1) offers for disqualifying a station."""


def falsification_consequence(rubric: Rubric) -> Consequence:
    """The declared consequence (a discretionary line at its lowest amount, a counted line
    once), or UNDECLARED where the rubric declares none."""
    declared = rubric.falsification
    if declared is None:
        return UNDECLARED
    if declared.condition is not None:
        return Veto(declared.item, declared.condition)
    item = rubric.item(declared.item)
    line = item.deduction(declared.line) if item and declared.line else None
    if line is None:  # a published rubric's declaration names a line it has
        raise ValueError(f"{rubric.code} declares no deduction line it has")
    if line.discretionary:
        return Deduct(declared.item, line.id, amount=line.low)
    return Deduct(declared.item, line.id, count=1)
