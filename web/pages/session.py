"""Signing in and out of the pages (the session cookie of the API, set from a form)."""

from __future__ import annotations

from flask import redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from application.errors import AuthenticationError
from web.auth import SESSION, end_session, log_in, start_session
from web.errors import ThrottledError
from web.login_words import locked_out, wrong_password
from web.pages.base import page_blueprint

bp = page_blueprint("session", __name__)

PUBLIC = frozenset({"session.login"})
"""Pages answered without signing in."""


def safe_next(target: str | None) -> str:
    """Where to go after signing in: only a path of this site, never another site."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return url_for("home.index")


@bp.route("/login", methods=["GET", "POST"])
def login() -> Response | tuple[str, int] | str:
    """The sign-in form; a wrong password or too many attempts are said above the form."""
    next_page = safe_next(request.values.get("next"))
    if request.method == "GET":
        return render_template("login.html", next_page=next_page, username="", error=None)
    username = request.form.get("username", "").strip()
    password = request.form.get("password", "")
    try:
        if not username or not password:
            raise AuthenticationError("请填写用户名和密码。")
        _, issued = log_in(username, password, SESSION)
    except (AuthenticationError, ThrottledError) as refused:
        error = (
            locked_out(refused.retry_after)
            if isinstance(refused, ThrottledError)
            else wrong_password(username)
            if username and password
            else str(refused)
        )
        page = render_template("login.html", next_page=next_page, username=username, error=error)
        return page, 429 if isinstance(refused, ThrottledError) else 401
    response = redirect(next_page, code=303)
    start_session(response, issued)
    return response


@bp.post("/logout")
def logout() -> Response:
    response = redirect(url_for("session.login"), code=303)
    end_session(response)
    return response
