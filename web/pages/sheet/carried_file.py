"""The uploaded workbook between its preview and its save: a small file rides back in the
preview's form; a larger one (forms hold at most 500 kB of text) is chosen again, and must
be the very file previewed (its SHA-256)."""

from __future__ import annotations

import base64
import binascii
import hashlib

from flask import request

from web.errors import PageInputError

PAGE_FILE_LIMIT = 4 * 1024 * 1024
"""A sheet's workbook is tens of kilobytes, a county's a few hundred."""
CARRY_LIMIT = 300_000
"""Its base64 text stays below the 500 kB a form field may hold."""


def carried(content: bytes) -> str:
    """The file as the preview's form carries it back (empty: too large, chosen again)."""
    return base64.b64encode(content).decode("ascii") if len(content) <= CARRY_LIMIT else ""


def digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def carried_back() -> bytes:
    """The previewed file, from the form (or chosen again: it must be the same file)."""
    chosen = request.files.get("file")
    if chosen is not None and (chosen.filename or "").strip():
        content: bytes = chosen.read(PAGE_FILE_LIMIT + 1)
        if digest(content) != request.form.get("sha256", ""):
            raise PageInputError("所选文件与预览时的文件不同，请重新上传并预览。")
        return content
    try:
        return base64.b64decode(request.form.get("content", "").encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        raise PageInputError("表单中的文件内容有误，请重新上传。") from None
