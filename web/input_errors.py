"""Request input refused at the edge, before any use case runs: what was wrong, where, and
what is allowed, in English and Chinese."""

from __future__ import annotations

from collections.abc import Iterator

from domain.input_text import allowed_text, allowed_text_zh
from web.errors import FieldProblem, InputRefusedError
from web.problems import MAX_LISTED


def text_field_problem(location: str, field: str, why: str, multiline: bool) -> FieldProblem:
    """A text value holding characters no person types."""
    return FieldProblem(
        location,
        field,
        f"{field} ({location}) contains {why}; allowed: {allowed_text(multiline)}",
        f"{field}（{LOCATIONS_ZH.get(location, location)}）含有不允许的字符（{why}）；"
        f"{allowed_text_zh(multiline)}。",
        f"含有不允许的控制字符或特殊字符；{allowed_text_zh(multiline)}。",
    )


LOCATIONS_ZH = {
    "json": "请求体",
    "query": "查询参数",
    "path": "路径",
    "headers": "请求头",
    "form": "表单",
    "files": "上传文件",
}


def body_refused(status: int, where: str, message: str, message_zh: str) -> InputRefusedError:
    """A body refused whole (not JSON, too large, malformed, too deep)."""
    location, _, field = where.partition(":")
    return InputRefusedError(status, message, [FieldProblem(location, field, message, message_zh)])


def first_problems(problems: Iterator[FieldProblem]) -> tuple[list[FieldProblem], int]:
    """The first MAX_LISTED problems and how many there are in all."""
    listed: list[FieldProblem] = []
    count = 0
    for found in problems:
        count += 1
        if len(listed) < MAX_LISTED:
            listed.append(found)
    return listed, count


def refused_text(problems: list[FieldProblem], count: int) -> InputRefusedError:
    """422 for text with refused characters, naming the first fields and counting the rest."""
    more = f"; and {count - len(problems)} more" if count > len(problems) else ""
    detail = "; ".join(p.message for p in problems[:3]) + more
    return InputRefusedError(422, detail, problems, count)
