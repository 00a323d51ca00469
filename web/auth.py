"""Authentication: bearer tokens for scripts, an HttpOnly session cookie (with a CSRF token
for every change) for browsers; failed logins throttled per account and per address."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from flask import current_app, g, request
from werkzeug.wrappers import Response

from application.errors import AuthenticationError, PermissionDeniedError, WrongPasswordError
from domain.account import Account
from infra.auth_tokens import IssuedToken
from infra.login_throttle import Throttled, ThrottlePolicy, account_subject
from infra.read_session import ReadSession
from web.context import auth_tables, login_throttle, queries, unit_of_work
from web.errors import ThrottledError

SESSION_COOKIE = "kaohe_session"
CSRF_COOKIE = "kaohe_csrf"
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
BEARER = "bearer"
SESSION = "session"


def csrf_token(session_token: str) -> str:
    """The CSRF token of a session: derived from the session token, which scripts on other
    sites can neither read (HttpOnly) nor guess, so only our pages can send it back."""
    return hashlib.sha256(f"csrf:{session_token}".encode()).hexdigest()


def authenticate_request() -> None:
    """Who calls: a live bearer token, or a live session cookie (whose CSRF header must
    match on every change). Sets `g.account_id`; anonymous calls get 401."""
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    tables = auth_tables()
    if header:
        if scheme.lower() != BEARER or not token.strip():
            raise AuthenticationError("send Authorization: Bearer <access token>")
        holder = tables.holder_of(token.strip(), BEARER)
        if holder is None:
            raise AuthenticationError("the access token is unknown, expired or revoked")
    else:
        session = request.cookies.get(SESSION_COOKIE)
        if not session:
            raise AuthenticationError(
                "log in first: POST /api/v1/auth/token for a bearer token, "
                "or POST /api/v1/auth/session in a browser"
            )
        holder = tables.holder_of(session, SESSION)
        if holder is None:
            raise AuthenticationError("the session is unknown, expired or revoked; log in again")
        if request.method not in SAFE_METHODS and not hmac.compare_digest(
            sent_csrf(), csrf_token(session)
        ):
            raise PermissionDeniedError(
                f"a change made with the session cookie needs the {CSRF_HEADER} header "
                f"(the csrf_token given at login, also in the {CSRF_COOKIE} cookie), "
                f"or a form field {CSRF_FIELD} from one of our pages"
            )
    # disabled: its tokens stop at once
    account = queries().access.live(holder.account_id, unit_of_work())
    if holder.generation != account.credential_generation:
        raise AuthenticationError("the password of this account has changed since; log in again")
    g.account_id = holder.account_id
    reads: ReadSession | None = g.get("read_session")
    if reads is not None and current_app.config["KAOHE_VIEWS_KEPT_CURRENT"]:
        reads.follow_caller(holder.seen_position)  # its views need only the caller's writes


def remember_writes(position: int | None) -> None:
    """This request wrote events up to a log position: its token's next reads wait for it."""
    presented = presented_token()
    if position and presented is not None and g.get("account_id") is not None:
        auth_tables().saw(presented[0], position)


def sent_csrf() -> str:
    """The CSRF token a change came with: the header (scripts) or the form field (pages)."""
    header = request.headers.get(CSRF_HEADER)
    if header is not None:
        return header
    if request.mimetype in ("application/x-www-form-urlencoded", "multipart/form-data"):
        return request.form.get(CSRF_FIELD, "")
    return ""


def start_session(response: Response, issued: IssuedToken) -> str:
    """Set the HttpOnly, SameSite=Strict session cookie and the CSRF cookie; the CSRF token."""
    seconds = int(issued.lifetime.total_seconds())
    csrf = csrf_token(issued.token)
    secure = bool(current_app.config["KAOHE_SECURE_COOKIES"])
    response.set_cookie(
        SESSION_COOKIE,
        issued.token,
        max_age=seconds,
        httponly=True,
        secure=secure,
        samesite="Strict",
        path="/",
    )
    response.set_cookie(
        CSRF_COOKIE, csrf, max_age=seconds, secure=secure, samesite="Strict", path="/"
    )
    return csrf


def end_session(response: Response) -> None:
    """Revoke the session of this request (if any) and clear its cookies."""
    presented = presented_token()
    if presented is not None:
        auth_tables().revoke(presented[0])
    response.delete_cookie(SESSION_COOKIE, path="/")
    response.delete_cookie(CSRF_COOKIE, path="/")


def presented_token() -> tuple[str, str] | None:
    """The bearer token or session token of this request, with its kind."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == BEARER and token.strip():
        return token.strip(), BEARER
    session = request.cookies.get(SESSION_COOKIE)
    return (session, SESSION) if session else None


@contextmanager
def counted_attempt(username: str) -> Iterator[None]:
    """Check a password of `username` inside the block, counted against the limits of the
    account and of the client address before it is checked (429 past them). A wrong
    password stays counted; a right one, or an error before the check ends, is given back."""
    policy: ThrottlePolicy = current_app.config["KAOHE_LOGIN_THROTTLE"]
    throttle = login_throttle()
    subjects = policy.subjects(username, request.remote_addr or "unknown")
    try:
        throttle.reserve(subjects, policy.window)
    except Throttled as refused:
        raise ThrottledError(
            "too many failed logins for this account or from this address; "
            f"try again in {refused.retry_after} seconds",
            refused.retry_after,
        ) from None
    try:
        yield
    except (AuthenticationError, WrongPasswordError):
        raise
    except BaseException:
        throttle.release(subjects)
        raise
    throttle.succeeded(subjects, cleared=account_subject(username))


def log_in(username: str, password: str, kind: str) -> tuple[Account, IssuedToken]:
    """Check the password (unless throttled) and issue a token of the kind asked for."""
    with counted_attempt(username):
        account = queries().accounts.authenticate(username, password)
    lifetime: timedelta = current_app.config[
        "KAOHE_TOKEN_LIFETIME" if kind == BEARER else "KAOHE_SESSION_LIFETIME"
    ]
    return account, auth_tables().issue(account.id, kind, lifetime, account.credential_generation)
