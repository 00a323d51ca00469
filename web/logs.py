"""Per-request log context: request id, account, role, unit, route, status and duration."""

from __future__ import annotations

import re
import time
from uuid import uuid4

import structlog
from flask import Flask, Response, g, request

log = structlog.get_logger("kaohe.http")
REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def register_request_logging(app: Flask) -> None:
    @app.before_request
    def bind_request() -> None:
        structlog.contextvars.clear_contextvars()
        sent = request.headers.get("X-Request-ID", "")
        g.request_id = sent if REQUEST_ID.match(sent) else uuid4().hex
        g.started = time.perf_counter()
        structlog.contextvars.bind_contextvars(
            request_id=g.request_id,
            method=request.method,
            route=request.url_rule.rule if request.url_rule else request.path,
        )

    @app.after_request
    def log_request(response: Response) -> Response:
        response.headers["X-Request-ID"] = g.get("request_id", "")
        account = g.get("account_id")
        started = g.get("started", time.perf_counter())
        log.info(
            "http.request",
            account=str(account) if account else None,
            status=response.status_code,
            duration_ms=round((time.perf_counter() - started) * 1000, 1),
        )
        return response

    @app.teardown_request
    def unbind(_error: BaseException | None) -> None:
        structlog.contextvars.clear_contextvars()
