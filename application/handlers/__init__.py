"""Handlers: one short function per command; the registry maps command class to handler."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from application.handlers.assessments import ASSESSMENT_HANDLERS

Handler = Callable[..., Any]
"""(command, subject, context) -> None for a change; (command, context) -> the new
aggregates (the main one first) for a create."""

HANDLERS: Mapping[type[Any], Handler] = {**ASSESSMENT_HANDLERS}
"""Every command class of the application and its handler."""
