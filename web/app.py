"""The Flask application factory."""

from __future__ import annotations

from contextlib import ExitStack
from datetime import timedelta
from typing import Any

from flask import Flask, Response, current_app, g, request, send_from_directory
from swagger_ui_bundle import swagger_ui_path  # type: ignore[import-untyped]
from werkzeug.middleware.proxy_fix import ProxyFix

from infra.auto_checkpoint import AutoCheckpoints
from infra.bootstrap import build
from infra.login_throttle import ThrottlePolicy
from infra.projections.registry import Projections
from infra.read_session import ReadSession
from infra.services import Services
from infra.settings import Settings
from web.api import KaoheApi, api_config
from web.api_errors import register_error_handlers
from web.auth import authenticate_request, remember_writes
from web.cache_headers import register_no_store
from web.logs import register_request_logging
from web.moment_words import register_moment_words
from web.pages import PUBLIC_ENDPOINTS as PUBLIC_PAGES
from web.pages import register_pages
from web.request_text import check_request_text
from web.resources import BLUEPRINTS, PUBLIC_ENDPOINTS

MAX_UPLOAD = 16 * 1024 * 1024
"""The largest request body (an evidence file or a rubric) accepted, in bytes."""


def create_app(
    settings: Settings | None = None,
    services: Services | None = None,
    poll_projections: bool = False,
    config: dict[str, Any] | None = None,
    projection_worker: bool = False,
) -> Flask:
    """A Kaohe web application over the given services (or those the settings build).

    With `poll_projections` on SQLite, a background thread keeps the read models current
    (stop it with `projections_of(app).stop()`); on PostgreSQL they run as workers
    (`kaohe projections run`: say so with `projection_worker`). Where that worker keeps
    them current, a request's reads wait only for its caller's own last write; otherwise
    (SQLite, one process) they bring each read model they read up to the log's head."""
    app = Flask(__name__)
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.config.update(
        api_config(),
        MAX_CONTENT_LENGTH=MAX_UPLOAD,
        KAOHE_TOKEN_LIFETIME=timedelta(hours=1),
        KAOHE_SESSION_LIFETIME=timedelta(hours=8),
        KAOHE_LOGIN_THROTTLE=ThrottlePolicy(),
        KAOHE_SECURE_COOKIES=True,
    )
    settings = settings or Settings.from_env()
    app.config.update(KAOHE_TRUSTED_PROXIES=settings.trusted_proxies)
    app.config.update(config or {})
    trust_proxies(app, int(app.config["KAOHE_TRUSTED_PROXIES"]))
    services = services or build(settings, refusal_policy=app.config.get("KAOHE_REFUSALS"))
    app.extensions["services"] = services
    projections = services.projections
    on_sqlite = projections.db.postgres is None
    app.config.setdefault("KAOHE_VIEWS_KEPT_CURRENT", projection_worker and not on_sqlite)
    if poll_projections and on_sqlite:
        now = services.kaohe.runner.clock.now
        checkpoints = AutoCheckpoints.from_settings(projections.store.recorder, settings, now)
        projections.start(after_cycle=None if checkpoints is None else checkpoints.tick)

    register_shared_reads(app, projections)
    register_request_logging(app)
    register_no_store(app)
    register_moment_words(app)
    register_error_handlers(app)
    api = KaoheApi(app)
    for blueprint in BLUEPRINTS:
        api.register_blueprint(blueprint)
    register_service_routes(app)
    register_pages(app)

    @app.before_request
    def require_login() -> None:
        public = PUBLIC_ENDPOINTS | PUBLIC_PAGES
        if request.endpoint is None or request.endpoint in public:
            return
        if request.blueprint is None or request.blueprint.startswith("api-docs"):
            return
        authenticate_request()

    # After signing in is asked for, so a page refusing a field can show the sheet again.
    app.before_request(lambda: check_request_text(request))
    return app


def register_shared_reads(app: Flask, projections: Projections) -> None:
    """A request's reads of the views share one session: on PostgreSQL one connection, each
    view's serving version read once, each read model brought up to the caller's own last
    write (`infra.read_session`); a request that writes remembers its position for its token,
    so the caller's next request reads it too, whichever worker answers."""

    @app.before_request
    def open_reads() -> None:
        g.reads = ExitStack()
        g.read_session = g.reads.enter_context(projections.reading())

    @app.teardown_request
    def close_reads(_: BaseException | None) -> None:
        reads: ExitStack | None = g.pop("reads", None)
        session: ReadSession | None = g.pop("read_session", None)
        try:
            if session is not None and session.wrote:
                remember_writes(session.seen)
        finally:
            if reads is not None:
                reads.close()


def trust_proxies(app: Flask, count: int) -> None:
    """Behind `count` proxies, take the client's address and scheme from the headers they
    add (the last `count` entries, which they wrote); with none, the headers are ignored, as
    any client could forge them and share or dodge another's login throttle."""
    if count > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count)  # type: ignore[method-assign]


def register_service_routes(app: Flask) -> None:
    @app.get("/api")
    def service() -> dict[str, Any]:
        """What this service is and what it holds."""
        return {
            "service": "Kaohe 考核",
            "events": services_of().queries.log.head(),
            "api": "/api/openapi.json",
            "docs": "/api/docs",
            "commands": ["kaohe rubric list", "kaohe ledger verify", "kaohe demo"],
        }

    @app.get("/healthz")
    def health() -> dict[str, str]:
        """Liveness: the store answers."""
        services_of().queries.log.head()
        return {"status": "ok"}

    @app.get("/api/docs/assets/<path:name>")
    def docs_assets(name: str) -> Response:
        """Swagger UI's files, served from the installed package (no CDN)."""
        return send_from_directory(swagger_ui_path, name, max_age=3600)


def services_of(app: Flask | None = None) -> Services:
    services: Services = (app or current_app).extensions["services"]
    return services


def projections_of(app: Flask | None = None) -> Projections:
    return services_of(app).projections
