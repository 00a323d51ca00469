"""`Cache-Control: no-store` on every answer to a signed-in caller (pages and API alike)."""

from __future__ import annotations

from flask import Flask, g
from werkzeug.wrappers import Response


def register_no_store(app: Flask) -> None:
    """A browser keeps no copy of what a signed-in user read, so Back after 退出 (on a shared
    office computer) or after a submit asks the server again instead of showing the previous
    user's page or a draft as it stood before. Answers that set or clear the session cookie
    count as signed in; static files and public pages stay cacheable."""

    @app.after_request
    def no_store(response: Response) -> Response:
        if "account_id" in g or "Set-Cookie" in response.headers:
            response.headers["Cache-Control"] = "no-store"
        return response
