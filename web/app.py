"""The Flask application factory."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask import Flask, Response, current_app, request, send_from_directory
from swagger_ui_bundle import swagger_ui_path  # type: ignore[import-untyped]
from werkzeug.middleware.proxy_fix import ProxyFix

from application.guarded import Guarded
from application.queries.reads import Queries
from application.service import Kaohe
from infra.auth_tokens import AuthTables
from infra.auto_checkpoint import AutoCheckpoints, log_key
from infra.bootstrap import build_bus, build_kaohe
from infra.export_stamp import Stamper
from infra.ledger_keys import log_key_path
from infra.login_throttle import LoginThrottle, ThrottlePolicy
from infra.projections.registry import Projections
from infra.read_models import ProjectedReadModels
from infra.settings import Settings
from web.api import KaoheApi, api_config
from web.api_errors import register_error_handlers
from web.auth import authenticate_request
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
    kaohe: Kaohe | None = None,
    poll_projections: bool = False,
    config: dict[str, Any] | None = None,
) -> Flask:
    """A Kaohe web application over the configured store (or the given application).

    With `poll_projections` on SQLite, a background thread keeps the read models current
    (stop it with `projections_of(app).stop()`); on PostgreSQL they run as workers
    (`kaohe projections run`)."""
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
    app.extensions["kaohe"] = kaohe or build_kaohe(settings)
    projections = Projections(app.extensions["kaohe"].store)
    app.extensions["projections"] = projections
    clock = app.extensions["kaohe"].runner.clock
    kaohe_app: Kaohe = app.extensions["kaohe"]
    app.extensions["bus"] = build_bus(kaohe_app, projections, app.config.get("KAOHE_REFUSALS"))
    app.extensions["guarded"] = Guarded(kaohe_app, app.extensions["bus"].authorizer)
    app.extensions["queries"] = Queries(
        app.extensions["bus"].authorizer, ProjectedReadModels(projections, kaohe_app)
    )
    app.extensions["auth_tables"] = AuthTables(projections.db, clock)
    app.extensions["login_throttle"] = LoginThrottle(projections.db, clock)
    key_path = log_key_path(settings.data_dir)
    app.extensions["stamper"] = Stamper(
        projections.store.recorder, lambda: log_key(key_path), clock.now
    )
    if poll_projections and projections.db.postgres is None:
        checkpoints = AutoCheckpoints.from_settings(projections.store.recorder, settings, clock.now)
        projections.start(after_cycle=None if checkpoints is None else checkpoints.tick)

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
        store = kaohe_of().store
        return {
            "service": "Kaohe 考核",
            "events": store.history.max_position(),
            "api": "/api/openapi.json",
            "docs": "/api/docs",
            "commands": ["kaohe rubric list", "kaohe ledger verify", "kaohe demo"],
        }

    @app.get("/healthz")
    def health() -> dict[str, str]:
        """Liveness: the store answers."""
        kaohe_of().store.history.max_position()
        return {"status": "ok"}

    @app.get("/api/docs/assets/<path:name>")
    def docs_assets(name: str) -> Response:
        """Swagger UI's files, served from the installed package (no CDN)."""
        return send_from_directory(swagger_ui_path, name, max_age=3600)


def kaohe_of() -> Kaohe:
    kaohe: Kaohe = current_app.extensions["kaohe"]
    return kaohe


def projections_of(app: Flask | None = None) -> Projections:
    projections: Projections = (app or current_app).extensions["projections"]
    return projections
