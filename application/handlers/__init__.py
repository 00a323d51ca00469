"""Handlers: one short function per command; the registry maps command class to handler."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from application.handlers.accounts import ACCOUNT_HANDLERS
from application.handlers.assessments import ASSESSMENT_HANDLERS
from application.handlers.campaigns import CAMPAIGN_HANDLERS
from application.handlers.hand_ups import HAND_UP_HANDLERS
from application.handlers.rectifications import RECTIFICATION_HANDLERS
from application.handlers.rubrics import RUBRIC_HANDLERS
from application.handlers.signals import SIGNAL_HANDLERS
from application.handlers.units import UNIT_HANDLERS

Handler = Callable[..., Any]
"""(command, subject, context) -> None for a change; (command, context) -> the new
aggregates (the main one first) for a create."""

HANDLERS: Mapping[type[Any], Handler] = {
    **ASSESSMENT_HANDLERS,
    **UNIT_HANDLERS,
    **ACCOUNT_HANDLERS,
    **RUBRIC_HANDLERS,
    **CAMPAIGN_HANDLERS,
    **RECTIFICATION_HANDLERS,
    **HAND_UP_HANDLERS,
    **SIGNAL_HANDLERS,
}
"""Every command class of the application and its handler."""
