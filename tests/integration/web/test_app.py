"""The service answers over HTTP on the configured store."""

from __future__ import annotations

from application.store import EventStore
from infra.bootstrap import build, build_kaohe
from infra.settings import Settings
from web.app import create_app


def test_index_and_health_answer_from_the_store(store: EventStore) -> None:
    settings = Settings.from_env()
    app = create_app(settings, build(settings, build_kaohe(settings, store)))
    client = app.test_client()
    index = client.get("/api")
    assert index.status_code == 200
    assert index.get_json()["service"] == "Kaohe 考核"
    assert index.get_json()["events"] == store.history.max_position()
    assert client.get("/healthz").get_json() == {"status": "ok"}
