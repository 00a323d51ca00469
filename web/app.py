"""The Flask application factory."""

from __future__ import annotations

from typing import Any

from flask import Flask, current_app

from application.service import Kaohe
from infra.bootstrap import build_kaohe
from infra.settings import Settings


def create_app(settings: Settings | None = None, kaohe: Kaohe | None = None) -> Flask:
    """A Kaohe web application over the configured store (or the given application)."""
    app = Flask(__name__)
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.extensions["kaohe"] = kaohe or build_kaohe(settings or Settings.from_env())

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
