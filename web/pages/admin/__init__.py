"""Administration: units, accounts and grants, publishing a rubric."""

from __future__ import annotations

from web.pages.admin import account, accounts, overview, rubrics, unit, units
from web.pages.admin.blueprint import bp

__all__ = ["account", "accounts", "bp", "overview", "rubrics", "unit", "units"]
