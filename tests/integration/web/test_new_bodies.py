"""The endpoints added for rounds, hand-ups, rectifications and the signal register refuse a
body that is not JSON, a NUL in a text and an oversize value, and store nothing then."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.integration.web.world import World
from web.json_body import JSON_LIMIT

POSTS: dict[str, dict[str, Any]] = {
    "/api/v1/assessments/rounds": {
        "rubric": "changzhi-county-centre",
        "version": 2,
        "period": "2024",
        "under": "CITY",
    },
    "/api/v1/hand-ups": {"unit": "T1", "table": "quarterly", "period": "2023Q2"},
    "/api/v1/rectifications": {
        "signal_id": "0" * 32,
        "period": "2023Q2",
        "unit": "V1",
        "problem": "核实满分依据",
        "deadline": "2030-01-01",
        "owner_role": "station_staff",
    },
    "/api/v1/risk/signals": {"unit": "C1", "period": "2023Q2"},
}
TEXT_FIELD = {
    "/api/v1/assessments/rounds": "under",
    "/api/v1/hand-ups": "unit",
    "/api/v1/rectifications": "problem",
    "/api/v1/risk/signals": "unit",
}


def log_head(world: World) -> int:
    return world.kaohe.store.recorder.max_notification_id() or 0


@pytest.mark.parametrize("path", sorted(POSTS))
def test_bad_bodies_are_refused_and_store_nothing(world: World, path: str) -> None:
    headers = world.login("admin")
    before = log_head(world)
    plain = world.client.post(path, data=json.dumps(POSTS[path]), headers=headers)
    assert plain.status_code == 415, plain.get_json()
    nul = POSTS[path] | {TEXT_FIELD[path]: "T1\x00"}
    with_nul = world.client.post(path, json=nul, headers=headers)
    assert with_nul.status_code == 422, with_nul.get_json()
    assert with_nul.get_json()["errors"][0]["message_zh"], with_nul.get_json()
    huge = POSTS[path] | {TEXT_FIELD[path]: "长" * (JSON_LIMIT + 1)}
    oversize = world.client.post(path, json=huge, headers=headers)
    assert oversize.status_code in (413, 422), oversize.get_json()
    assert log_head(world) == before
