"""Audit timelines: an assessment's events with a time slider showing the sheet as of any
of them; a unit's and an account's history."""

from __future__ import annotations

import web.pages.timeline.account_routes
import web.pages.timeline.assessment_routes
import web.pages.timeline.unit_routes  # noqa: F401  (their routes)
from web.pages.timeline.blueprint import bp

__all__ = ["bp"]
