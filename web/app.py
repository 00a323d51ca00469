"""The Flask application factory."""

from __future__ import annotations

from typing import Any

from flask import Flask, current_app

from application.service import Kaohe
from infra.bootstrap import build_kaohe
from infra.projections.registry import Projections
from infra.settings import Settings


def create_app(
    settings: Settings | None = None, kaohe: Kaohe | None = None, poll_projections: bool = False
) -> Flask:
    """A Kaohe web application over the configured store (or the given application).

    With `poll_projections` on SQLite, a background thread keeps the read models current
    (stop it with `projections_of(app).stop()`); on PostgreSQL they run as workers
    (`kaohe projections run`)."""
    app = Flask(__name__)
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.extensions["kaohe"] = kaohe or build_kaohe(settings or Settings.from_env())
    projections = Projections(app.extensions["kaohe"].store)
    app.extensions["projections"] = projections
    if poll_projections and projections.db.postgres is None:
        projections.start()

    @app.get("/")
    def index() -> dict[str, Any]:
        """What this service is and what it holds."""
        store = kaohe_of().store
        return {
            "service": "Kaohe 考核",
            "events": store.history.max_position(),
            "commands": ["kaohe rubric list", "kaohe ledger verify", "kaohe demo"],
        }

    @app.get("/healthz")
    def health() -> dict[str, str]:
        """Liveness: the store answers."""
        kaohe_of().store.history.max_position()
        return {"status": "ok"}

    return app


def kaohe_of() -> Kaohe:
    kaohe: Kaohe = current_app.extensions["kaohe"]
    return kaohe


def projections_of(app: Flask | None = None) -> Projections:
    projections: Projections = (app or current_app).extensions["projections"]
    return projections
