"""A sheet form whose text holds control characters is shown again with the reason beside
each field concerned, keeping what was typed (without those characters); nothing is saved."""

from __future__ import annotations

from typing import Any

from flask import request

from domain.input_text import REFUSED
from web.errors import InputRefusedError
from web.pages.base import error_page
from web.pages.sheet.blueprint import bp
from web.pages.sheet.model import load_page
from web.pages.sheet.render import render_sheet

NOTICE = "未保存：填写的内容含有不允许的控制字符或特殊字符，请按提示修改。"

PREFIXES = {
    "sheet.deduction": ("ded", "item", "line"),
    "sheet.bonus": ("bonus", "item"),
    "sheet.withdraw": ("withdraw", "item", "index"),
    "sheet.veto": ("veto", "item", "condition"),
    "sheet.attach": ("evidence",),
}
"""How each small form names its fields on the page: a prefix and the form values after it
(the sheet form's own fields are named as on the page)."""


def field_id(name: str) -> str:
    name = name.removesuffix(" (file name)")
    parts = PREFIXES.get(request.endpoint or "")
    if parts is None:
        return clean(name)
    prefix = [parts[0], *(request.form.get(p, "") for p in parts[1:])]
    return clean("-".join([*prefix, name]))


def clean(text: str) -> str:
    return REFUSED.sub("", text)


@bp.errorhandler(InputRefusedError)
def refused_text(error: InputRefusedError) -> Any:
    """Beside the fields on a sheet form; a JSON answer to the live preview."""
    beside = {field_id(p.field): p.words_zh for p in error.problems if p.location == "form"}
    if request.endpoint == "sheet.preview":
        return {"error": NOTICE, "errors": beside}, 422
    aid = (request.view_args or {}).get("aid")
    if aid is None or request.method != "POST" or not beside:
        return error_page(error.status, "；".join(p.message_zh for p in error.problems[:5]))
    values = {field_id(k): clean(v) for k, v in request.form.items() if k != "csrf_token"}
    return render_sheet(
        load_page(aid), values=values, errors=beside, notice=(NOTICE, "error"), status=422
    )
