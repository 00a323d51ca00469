"""Every text a request carries besides a JSON body (query, path, the headers we record, form
fields and file names) checked in one place, before any view runs."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from flask import Request

from domain.input_text import text_problem
from web.errors import FieldProblem, InputRefusedError
from web.input_errors import first_problems, refused_text, text_field_problem
from web.json_body import MULTILINE_FIELDS, shown

IDEMPOTENCY_KEY = re.compile(r"[\x21-\x7e]{1,200}")
MULTILINE_SUFFIX = re.compile(r"(?:^|[-_.])(?:" + "|".join(MULTILINE_FIELDS) + r")$")
"""Form fields are named like `ded-12-a-reason`: the last part says it is free text."""


def check_request_text(req: Request) -> None:
    """InputRefusedError when any text of the request holds refused characters, or when the
    Idempotency-Key is not one the service can keep."""
    check_idempotency_key(req)
    listed, count = first_problems(request_text_problems(req))
    if listed:
        raise refused_text(listed, count)


def check_idempotency_key(req: Request) -> None:
    key = req.headers.get("Idempotency-Key")
    if key is None or IDEMPOTENCY_KEY.fullmatch(key):
        return
    allowed = "1 to 200 visible ASCII characters (letters, digits, punctuation; no spaces)"
    raise InputRefusedError(
        400,
        f"the Idempotency-Key header is not usable; allowed: {allowed}",
        [
            FieldProblem(
                "headers",
                "Idempotency-Key",
                f"Idempotency-Key must be {allowed}",
                "Idempotency-Key 只能是 1 至 200 个可见 ASCII 字符（字母、数字、标点，不含空格）。",
            )
        ],
    )


def request_text_problems(req: Request) -> Iterator[FieldProblem]:
    for name, value in (req.view_args or {}).items():
        if isinstance(value, str) and (why := text_problem(value)):
            yield text_field_problem("path", name, why, False)
    yield from _pairs("query", req.args.items(multi=True))
    if req.mimetype in ("multipart/form-data", "application/x-www-form-urlencoded"):
        yield from _pairs("form", req.form.items(multi=True))
        for name, upload in req.files.items(multi=True):
            if upload.filename and (why := text_problem(upload.filename)):
                yield text_field_problem("files", f"{shown(name)} (file name)", why, False)


def _pairs(location: str, pairs: Iterable[tuple[str, str]]) -> Iterator[FieldProblem]:
    for name, value in pairs:
        if why := text_problem(name):
            yield text_field_problem(location, f"{shown(name)} (a name)", why, False)
            continue
        multiline = MULTILINE_SUFFIX.search(name) is not None
        if why := text_problem(value, multiline):
            yield text_field_problem(location, name, why, multiline)
