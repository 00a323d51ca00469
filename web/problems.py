"""Problem details (RFC 9457): every error as application/problem+json, titled in English and
Chinese, with field-level messages in both languages."""

from __future__ import annotations

import re
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

import marshmallow as ma
from flask import Response, current_app, g

from domain.input_text import DECIMAL_FORM_ZH
from domain.workflow import RULE_ZH

PROBLEM = "application/problem+json"
MAX_LISTED = 50
"""At most this many field errors are listed in one answer; the rest are counted."""

TITLES: Mapping[int, tuple[str, str]] = {
    400: ("Bad request", "请求格式错误"),
    401: ("Authentication required", "需要登录"),
    403: ("Permission denied", "无权执行此操作"),
    404: ("Not found", "未找到"),
    405: ("Method not allowed", "不支持该请求方法"),
    406: ("Not acceptable", "无法提供所请求的格式"),
    409: ("Conflict", "与现有数据冲突"),
    412: ("Precondition failed: the version has changed", "版本已变化，请刷新后重试"),
    413: ("Request too large", "请求内容过大"),
    415: ("Unsupported media type", "不支持的内容类型"),
    422: ("Unprocessable request", "请求内容有误"),
    428: ("Precondition required: send If-Match", "需要在 If-Match 中提供版本号"),
    429: ("Too many attempts", "尝试次数过多，请稍后再试"),
    500: ("Internal error", "服务器内部错误"),
    503: ("Service unavailable", "服务暂不可用"),
}

MESSAGES_ZH: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), zh)
    for pattern, zh in (
        (r"^Missing data for required field\.$", "缺少必填字段。"),
        (r"^Field may not be null\.$", "该字段不能为空值。"),
        (r"^Unknown field\.$", "未知字段。"),
        (r"^Not a valid string\.$", "不是有效的字符串。"),
        (r"^Not a valid integer\.$", "不是有效的整数。"),
        (r"^Not a valid number\.$", "不是有效的数字。"),
        (r"^Not a valid boolean\.$", "不是有效的布尔值。"),
        (
            r"^Not a valid datetime\.$",
            "不是有效的日期时间（ISO 8601，如 2023-06-30T12:00:00+08:00）。",
        ),
        (r"^Not a valid date\.$", "不是有效的日期（如 2023-06-30）。"),
        (r"^Not a valid UUID\.$", "不是有效的 UUID。"),
        (r"^Not a valid mapping type\.$", "应为对象（键值对）。"),
        (r"^Not a valid list\.$", "应为列表。"),
        (r"^Invalid input type\.$", "输入类型无效。"),
        (r"^Invalid value\.$", "值无效。"),
        (r"^Invalid JSON body\.$", "请求体不是有效的 JSON。"),
        (r"^Special numeric values .*$", "不允许 NaN 或无穷大。"),
        (r"^.*; send an ASCII decimal like 1\.5 .*$", f"数字格式不正确：应为{DECIMAL_FORM_ZH}。"),
        (r"^Must be one of: (.*)\.$", r"必须是以下之一：\1。"),
        (r"^Shorter than minimum length (\d+)\.$", r"长度不能少于 \1。"),
        (r"^Longer than maximum length (\d+)\.$", r"长度不能超过 \1。"),
        (r"^Length must be between (\d+) and (\d+)\.$", r"长度必须在 \1 到 \2 之间。"),
        (r"^Must be greater than or equal to (\S+)\.$", r"必须大于或等于 \1。"),
        (r"^Must be less than or equal to (\S+)\.$", r"必须小于或等于 \1。"),
        (
            r"^Must be greater than or equal to (\S+) and less than or equal to (\S+)\.$",
            r"必须在 \1 到 \2 之间。",
        ),
        (r"^String does not match expected pattern\.$", "格式不符合要求。"),
        (
            r"^A username is 3 to 64 characters.*$",
            "用户名为 3 至 64 个字符：英文字母（按小写保存）、数字、点、连字符或下划线，"
            "以字母或数字开头，不能有空格。",
        ),
        (r"^Must be between (\S+) and (\S+)\.$", r"必须在 \1 到 \2 之间。"),
        (r"^period (.+) is not a real period; write .*$", rf"\1 不是有效的期间：{RULE_ZH}。"),
    )
)


def in_chinese(message: str) -> str:
    for pattern, zh in MESSAGES_ZH:
        if pattern.match(message):
            return pattern.sub(zh, message)
    return f"输入无效：{message}"


class FieldErrorSchema(ma.Schema):
    location = ma.fields.String(metadata={"description": "json, query, headers, files, form"})
    field = ma.fields.String(metadata={"description": "Dotted path of the field"})
    message = ma.fields.String()
    message_zh = ma.fields.String()


class ItemChangedSchema(ma.Schema):
    item = ma.fields.String(metadata={"description": "The item's number"})
    layer = ma.fields.String(metadata={"description": "self, review or verification"})
    version = ma.fields.Integer(metadata={"description": "The sheet's version it changed at"})


class ProblemSchema(ma.Schema):
    """An error (RFC 9457 problem details)."""

    type = ma.fields.String()
    title = ma.fields.String()
    title_zh = ma.fields.String()
    status = ma.fields.Integer()
    detail = ma.fields.String()
    request_id = ma.fields.String()
    errors = ma.fields.List(ma.fields.Nested(FieldErrorSchema))
    current_version = ma.fields.Integer(allow_none=True)
    changed = ma.fields.List(
        ma.fields.Nested(ItemChangedSchema),
        metadata={"description": "On 412 for an item: what changed since the version sent"},
    )
    retry_after = ma.fields.Integer()


def field_errors(messages: Any, location: str = "", prefix: str = "") -> list[dict[str, str]]:
    """marshmallow's nested messages as a flat list, each message in English and Chinese."""
    found: list[dict[str, str]] = []
    if isinstance(messages, Mapping):
        for key, value in messages.items():
            if not prefix and not location and key in ("json", "query", "headers", "files", "form"):
                found += field_errors(value, str(key), "")
            else:
                path = f"{prefix}.{key}" if prefix else str(key)
                found += field_errors(value, location, path)
    elif isinstance(messages, list | tuple):
        for message in messages:
            found += field_errors(message, location, prefix)
    else:
        text = str(messages)
        found.append(
            {"location": location, "field": prefix, "message": text, "message_zh": in_chinese(text)}
        )
    return found


def listed(errors: list[dict[str, str]], total: int = 0) -> list[dict[str, str]]:
    """The first MAX_LISTED errors and, when there are more, one line counting the rest, so
    that a huge request cannot make a huge answer."""
    shown = errors[:MAX_LISTED]
    rest = max(total, len(errors)) - len(shown)
    if rest > 0:
        shown.append(
            {
                "location": "",
                "field": "",
                "message": f"and {rest} more problem(s), not listed",
                "message_zh": f"另有 {rest} 处问题未列出",
            }
        )
    return shown


def problem(
    status: int,
    detail: str,
    errors: list[dict[str, str]] | None = None,
    headers: Mapping[str, str] | None = None,
    **extra: Any,
) -> Response:
    title, title_zh = TITLES.get(status, (_phrase(status), "请求失败"))
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": title,
        "title_zh": title_zh,
        "status": status,
        "detail": detail,
    }
    request_id = g.get("request_id")
    if request_id:
        body["request_id"] = request_id
    if errors:
        body["errors"] = errors
    body.update(extra)
    response = current_app.response_class(
        current_app.json.dumps(body), status=status, mimetype=PROBLEM
    )
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"
