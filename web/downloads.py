"""Files sent as downloads, whatever their names: HTTP headers are Latin-1, so a Chinese
name goes in `filename*` (RFC 6266, UTF-8), with an ASCII stand-in for old clients."""

from __future__ import annotations

from urllib.parse import quote

from flask import Response, current_app

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def content_disposition(name: str) -> str:
    stand_in = "".join(
        c if c.isascii() and c.isprintable() and c not in '"\\' else "_" for c in name
    )
    return f"attachment; filename=\"{stand_in}\"; filename*=UTF-8''{quote(name, safe='')}"


def attachment(data: bytes, mimetype: str, filename: str) -> Response:
    response = current_app.response_class(data, mimetype=mimetype)
    response.headers["Content-Disposition"] = content_disposition(filename)
    return response
