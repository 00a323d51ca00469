"""Reading a JSON request body strictly: JSON by its content type, bounded in size and depth,
and no control characters in any string (keys included)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from itertools import accumulate
from typing import Any

from flask import Request, current_app
from webargs import core
from webargs.flaskparser import FlaskParser

from domain.input_text import REFUSED, text_problem
from web.errors import FieldProblem
from web.input_errors import body_refused, first_problems, refused_text, text_field_problem

JSON_LIMIT = 4 * 1024 * 1024
"""The largest JSON body accepted, in bytes: a whole sheet with long progress notes on every
item stays under it; evidence and rubric files come as multipart uploads with their own limit."""
MAX_DEPTH = 32
"""The deepest nesting of arrays and objects accepted (our schemas need five)."""
MULTILINE_FIELDS = frozenset({"reason", "progress", "note", "description", "comment"})
"""Fields of free text where tabs and line breaks belong."""

STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
BRACKETS = re.compile(r"[^\[\]{}]+")


class StrictJsonParser(FlaskParser):
    """webargs' parser, reading JSON bodies with `read_json`."""

    def _raw_load_json(self, req: Request) -> Any:
        # Content-Length first: a large body is not read only to find out whether it is empty.
        empty = not req.content_length and not req.get_data(cache=True)
        if empty and body_is_optional(req):
            return core.missing
        return read_json(req)


def body_is_optional(req: Request) -> bool:
    """Whether the view declared its JSON body optional (`arguments(..., required=False)`)."""
    view = current_app.view_functions.get(req.endpoint or "")
    method = getattr(getattr(view, "view_class", None), req.method.lower(), None)
    declared = getattr(method, "_apidoc", {}).get("arguments", {}).get("parameters", [])
    return any(p.get("in") == "json" and p.get("required") is False for p in declared)


def read_json(req: Request) -> Any:
    """The request's JSON body, or InputRefusedError: 415 when it is not sent as JSON (an
    absent body included), 413 when too large, 400 when empty, malformed or too deep, 422
    when a string holds control characters."""
    if req.mimetype != "application/json" and not req.mimetype.endswith("+json"):
        raise body_refused(
            415,
            "headers:Content-Type",
            "this request needs a JSON body sent with Content-Type: application/json; "
            f"got {(req.mimetype or 'no Content-Type')[:60]}",
            "此请求需要 JSON 请求体，并以 Content-Type: application/json 发送。",
        )
    if (req.content_length or 0) > JSON_LIMIT or len(req.get_data(cache=True)) > JSON_LIMIT:
        raise body_refused(
            413,
            "json:",
            f"a JSON body may hold at most {JSON_LIMIT} bytes",
            f"JSON 请求体不能超过 {JSON_LIMIT} 字节。",
        )
    value = parse_body(req.get_data(cache=True))
    listed, count = first_problems(string_problems(value))
    if listed:
        raise refused_text(listed, count)
    return value


def parse_body(data: bytes) -> Any:
    """Decoded JSON, or 400 saying where it is malformed (or too deep, checked first)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        at = error.start + 1
        raise body_refused(
            400,
            "json:",
            f"the body is not UTF-8 (byte {at})",
            f"请求体不是 UTF-8 编码（第 {at} 字节）。",
        ) from None
    if not text.strip():
        raise body_refused(
            400, "json:", "the body is empty; send a JSON object", "请求体为空；请发送 JSON 对象。"
        )
    check_depth(text)
    try:
        return json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as error:
        line, column = error.lineno, error.colno
        raise body_refused(
            400,
            "json:",
            f"the body is not valid JSON: {error.msg} at line {line}, column {column}",
            f"请求体不是有效的 JSON（第 {error.lineno} 行第 {error.colno} 列）。",
        ) from None


def check_depth(text: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH without recursing (and before parsing)."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return
    brackets = BRACKETS.sub("", STRINGS.sub("", text))
    depth = max(accumulate(1 if b in "[{" else -1 for b in brackets), default=0)
    if depth > MAX_DEPTH:
        raise body_refused(
            400,
            "json:",
            f"the body nests arrays and objects {depth} deep; at most {MAX_DEPTH} allowed",
            f"请求体中数组和对象嵌套了 {depth} 层；最多允许 {MAX_DEPTH} 层。",
        )


def _no_constant(name: str) -> Any:
    raise json.JSONDecodeError(f"{name} is not a number JSON allows", name, 0)


def string_problems(value: Any) -> Iterator[FieldProblem]:
    """Every string (key or value) in decoded JSON holding refused characters, by its path."""
    stack: list[tuple[str, Any]] = [("", value)]
    while stack:
        path, found = stack.pop()
        if isinstance(found, str):
            multiline = path.rpartition(".")[2] in MULTILINE_FIELDS
            why = text_problem(found, multiline)
            if why:
                yield text_field_problem("json", path or "body", why, multiline)
        elif isinstance(found, dict):
            for key, inner in reversed(found.items()):
                at = f"{path}.{shown(key)}" if path else shown(key)
                key_why = text_problem(key)
                if key_why:
                    yield text_field_problem("json", f"{at} (a key)", key_why, False)
                stack.append((at, inner))
        elif isinstance(found, list):
            indexes = reversed(range(len(found)))  # pushed last to first: popped in order
            stack.extend((f"{path}.{i}" if path else str(i), found[i]) for i in indexes)


def shown(key: str) -> str:
    """A key as it can be named in an answer: refused characters escaped, at most 64 long."""
    return REFUSED.sub(lambda m: f"\\u{ord(m.group()):04x}", key[:64])
