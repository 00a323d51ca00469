"""The API's answers to errors, as problem details; views never catch them."""

from __future__ import annotations

import structlog
from flask import Flask, Response, g, request
from werkzeug.exceptions import HTTPException

from application.errors import (
    AuthenticationError,
    ConflictError,
    EvidenceAlteredError,
    WrongPasswordError,
)
from domain.errors import FieldError, RubricDefinitionError, ScoringInputError
from infra.services import RETRY_AFTER, STORE_DOWN
from web.context import services
from web.errors import (
    REFUSED_ERRORS,
    InputRefusedError,
    MissingFieldError,
    ThrottledError,
    detail_of,
    status_of,
)
from web.problems import MAX_LISTED, field_errors, listed, problem
from web.rubric_words import rubric_problem_zh

log = structlog.get_logger(__name__)

WWW_AUTHENTICATE = {"WWW-Authenticate": 'Bearer realm="kaohe"'}


def register_error_handlers(app: Flask) -> None:
    """Every refusal gets its status from web.errors.STATUSES; some say more than their text."""
    for refused in REFUSED_ERRORS:
        app.register_error_handler(refused, _refused)
    app.register_error_handler(AuthenticationError, _unauthenticated)
    app.register_error_handler(ConflictError, _conflict)
    app.register_error_handler(EvidenceAlteredError, _evidence_altered)
    app.register_error_handler(ThrottledError, _throttled)
    app.register_error_handler(MissingFieldError, _missing_field)
    app.register_error_handler(WrongPasswordError, _wrong_password)
    app.register_error_handler(InputRefusedError, input_refused)
    app.register_error_handler(ScoringInputError, _scoring_input)
    app.register_error_handler(RubricDefinitionError, _rubric_definition)
    app.register_error_handler(FieldError, _field)
    app.register_error_handler(HTTPException, http_problem)
    for down in STORE_DOWN:
        app.register_error_handler(down, _store_down)
    app.register_error_handler(Exception, _unexpected)


def _refused(error: Exception) -> Response:
    return problem(status_of(error), detail_of(error))


def _evidence_altered(error: EvidenceAlteredError) -> Response:
    log.error("evidence.altered", detail=str(error))
    return problem(
        status_of(error),
        str(error),
        detail_zh="证据文件已被改动或损坏，与登记时的 SHA-256 不符，因此不予提供；"
        "请运行 kaohe ledger verify 核查。",
    )


def http_problem(error: HTTPException) -> Response:
    """Werkzeug's and webargs' errors (malformed JSON, validation, 404, 405 …)."""
    status = error.code or 500
    data = getattr(error, "data", None) or {}
    messages = data.get("errors") or data.get("messages")
    errors = field_errors(messages) if messages else None
    detail = data.get("message") or error.description or ""
    if status in (400, 422) and errors:
        detail = "; ".join(f"{e['field'] or e['location']}: {e['message']}" for e in errors[:3])
        detail += f"; and {len(errors) - 3} more" if len(errors) > 3 else ""
        errors = listed(errors)
    headers = dict(data.get("headers") or {})
    if status == 405 and error.get_response().headers.get("Allow"):
        headers["Allow"] = error.get_response().headers["Allow"]
    return problem(status, detail, errors, headers)


def input_refused(error: InputRefusedError) -> Response:
    """Input refused at the edge (415, 413, 400, 422): each problem where it was found."""
    errors = [p.as_dict() for p in error.problems]
    return problem(status_of(error), str(error), listed(errors, error.count))


def _unauthenticated(error: AuthenticationError) -> Response:
    return problem(status_of(error), str(error), headers=WWW_AUTHENTICATE)


def _conflict(error: ConflictError) -> Response:
    # A change based on another version than the current one is a failed precondition
    # (If-Match); anything else that collides is a conflict.
    if error.current_version is not None:
        version = error.current_version
        if error.changed is None:
            return problem(412, str(error), current_version=version)
        return problem(412, str(error), current_version=version, changed=error.changed)
    return problem(status_of(error), str(error))


def _throttled(error: ThrottledError) -> Response:
    return problem(
        status_of(error),
        str(error),
        headers={"Retry-After": str(error.retry_after)},
        retry_after=error.retry_after,
    )


def _missing_field(error: MissingFieldError) -> Response:
    message = "Missing data for required field."
    where = {"location": "json", "field": error.field}
    return problem(
        status_of(error), str(error), [where | {"message": message, "message_zh": "缺少必填字段。"}]
    )


def _wrong_password(error: WrongPasswordError) -> Response:
    # Not 401: the caller is logged in; only the password given to prove it again is wrong.
    where = {"location": "json", "field": "current_password"}
    zh = "当前密码不正确；失败次数与登录失败合并计算。"
    return problem(
        status_of(error), str(error), [where | {"message": str(error), "message_zh": zh}]
    )


def _scoring_input(error: ScoringInputError) -> Response:
    errors = [
        {
            "location": "json",
            "field": p.partition(":")[0],
            "message": p,
            "message_zh": "评分内容不符合评分表：" + p,
        }
        for p in error.problems[:MAX_LISTED]
    ]
    more = len(error.problems) - 3
    detail = "; ".join(error.problems[:3]) + (f"; and {more} more" if more > 0 else "")
    return problem(status_of(error), detail, listed(errors, len(error.problems)))


def _field(error: FieldError) -> Response:
    """A field the domain refused (the schema let it through): named, in both languages."""
    location = "form" if request.mimetype == "multipart/form-data" else "json"
    found = {
        "location": location,
        "field": error.field,
        "message": str(error),
        "message_zh": error.message_zh,
    }
    return problem(status_of(error), str(error), [found])


def _rubric_definition(error: RubricDefinitionError) -> Response:
    errors = [
        {
            "location": "files",
            "field": p.where,
            "message": p.message,
            "message_zh": rubric_problem_zh(p.message),
        }
        for p in error.problems[:MAX_LISTED]
    ]
    detail = f"{error.source} refused: {len(error.problems)} problem(s)"
    return problem(status_of(error), detail, listed(errors, len(error.problems)))


def _store_down(error: Exception) -> Response:
    log.error("http.store_unavailable", error=" ".join(str(error).split()))
    services().drop_broken_connections()
    return problem(
        503,
        "the event store cannot be reached; try again shortly (a change sent with an "
        "Idempotency-Key is safe to repeat)",
        headers={"Retry-After": str(RETRY_AFTER)},
        detail_zh="数据库暂时无法连接，请稍后重试（带 Idempotency-Key 的修改可安全重发）",
        retry_after=RETRY_AFTER,
    )


def _unexpected(error: Exception) -> Response:
    log.exception("http.unexpected_error", request_id=g.get("request_id"))
    return problem(500, "an unexpected error occurred; it has been logged with the request id")
