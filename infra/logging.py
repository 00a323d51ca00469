"""The only logging set-up: structlog as JSON lines (production) or console (development)."""

from __future__ import annotations

import logging
import sys
from collections.abc import Mapping, MutableMapping
from typing import Any

import structlog

SECRETS = frozenset({"password", "token", "access_token", "authorization", "cookie", "csrf_token"})


def drop_secrets(_logger: Any, _name: str, event: MutableMapping[str, Any]) -> Mapping[str, Any]:
    """No password or token ever reaches a log line, whoever logs it."""
    for key in SECRETS & event.keys():
        event[key] = "[redacted]"
    return event


def configure_logging(json: bool = True, level: int = logging.INFO) -> None:
    """Configure structlog once per process: context variables (request id, account, role,
    unit) merged into every line, ISO timestamps, secrets redacted."""
    renderer: structlog.typing.Processor = (
        structlog.processors.JSONRenderer(ensure_ascii=False)
        if json
        else structlog.dev.ConsoleRenderer()
    )
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            structlog.processors.format_exc_info,
            drop_secrets,
            renderer,
        ],
        wrapper_class=structlog.make_filtering_bound_logger(level),
        logger_factory=structlog.PrintLoggerFactory(sys.stderr),
        cache_logger_on_first_use=True,
    )
