"""GET /api/v1/health, and every request while the store cannot be reached: a load balancer
gets a minimal answer, an account the read models' states, and nobody a 500."""

from __future__ import annotations

from pathlib import Path

import pytest

from application.commands.units import SetUnitContact
from application.store import EventStore
from infra.persistence.reachability import RETRY_AFTER
from tests.integration.outage import bring_database_back, take_database_away
from tests.integration.projections.test_failed_projection import refusing_runner
from tests.integration.web.world import World, build_world
from web.app import projections_of


@pytest.fixture
def world(store: EventStore, tmp_path: Path) -> World:
    return build_world(store, tmp_path)


def test_anyone_gets_the_status_and_an_account_each_read_model(world: World) -> None:
    anonymous = world.client.get("/api/v1/health")
    assert (anonymous.status_code, anonymous.get_json()) == (200, {"status": "ok"})

    shown = world.client.get("/api/v1/health", headers=world.login("staff")).get_json()
    assert (shown["status"], shown["store"]) == ("ok", "reachable")
    assert {p["name"] for p in shown["projections"]} == {
        "units",
        "audit_trail",
        "scores",
        "accounts",
        "campaigns",
        "rectifications",
    }
    assert all(
        p["state"] in ("current", "behind") and p["failure"] is None for p in shown["projections"]
    )

    wrong = world.client.get("/api/v1/health", headers={"Authorization": "Bearer nonsense"})
    assert wrong.status_code == 401


def test_a_failed_read_model_makes_the_service_degraded(world: World) -> None:
    store = world.kaohe.store
    projections = projections_of(world.app)
    world.kaohe.setup(SetUnitContact(code="V1", contact="无法处理", phone="1"), "t")
    with pytest.raises(Exception, match="stopped at position"):
        refusing_runner(store, projections).catch_up()

    anonymous = world.client.get("/api/v1/health")
    assert (anonymous.status_code, anonymous.get_json()) == (200, {"status": "degraded"})
    shown = world.client.get("/api/v1/health", headers=world.login("regulator")).get_json()
    units = next(p for p in shown["projections"] if p["name"] == "units")
    assert units["state"] == "failed"
    assert units["failure"]["position"] == store.recorder.max_notification_id()
    assert units["failure"]["topic"] == "domain.unit:Unit.ContactSet"


@pytest.mark.postgres
@pytest.mark.parametrize("store_env", ["postgres"], indirect=True)
def test_a_dead_database_gets_503_with_retry_after_and_service_resumes(world: World) -> None:
    headers = world.login("regulator")
    assert world.client.get("/api/v1/units", headers=headers).status_code == 200
    port = take_database_away(world.kaohe.store)

    for path in ("/api/v1/health", "/api/v1/units", "/api/v1/audit"):
        answer = world.client.get(path, headers=headers)
        body = answer.get_json()
        assert answer.status_code == 503, body
        assert answer.headers["Retry-After"] == str(RETRY_AFTER)
        assert answer.mimetype == "application/problem+json"
        assert (body["title"], body["title_zh"]) == ("Service unavailable", "服务暂不可用")
        assert "cannot be reached" in body["detail"] and "数据库" in body["detail_zh"]

    bring_database_back(world.kaohe.store, port)
    statuses = [world.client.get("/api/v1/audit", headers=headers).status_code]
    while statuses[-1] != 200 and len(statuses) < 10:  # connections the pool is remaking
        statuses.append(world.client.get("/api/v1/audit", headers=headers).status_code)
    assert statuses[-1] == 200 and set(statuses) <= {200, 503}, statuses
