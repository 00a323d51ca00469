"""One write reads the history of each aggregate it touches at most once."""

from __future__ import annotations

from collections import Counter
from typing import Any
from uuid import UUID

import pytest

from tests.integration.web.world import World


def counting_reads(world: World, monkeypatch: pytest.MonkeyPatch) -> Counter[UUID]:
    """Every select_events of the store from now on, counted by aggregate id."""
    recorder = world.kaohe.store.recorder
    select = recorder.select_events
    counts: Counter[UUID] = Counter()

    def counted(originator_id: UUID, *args: Any, **kwargs: Any) -> Any:
        counts[originator_id] += 1
        return select(originator_id, *args, **kwargs)

    monkeypatch.setattr(recorder, "select_events", counted)
    return counts


def test_scoring_one_item_reads_each_aggregate_once(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    aid = world.assessment("V1", "2023Q2")
    headers = world.login("staff") | {"If-Match": f'"{world.version(aid)}"'}
    counts = counting_reads(world, monkeypatch)

    response = world.client.put(
        f"/api/v1/assessments/{aid}/items/1", json={"points": "1"}, headers=headers
    )

    assert response.status_code == 200, response.get_json()
    assert response.get_json()["score"]["items"][0]["points"] == "1"
    assert counts[aid] == 1
    assert counts, "the write read no aggregate at all"
    assert max(counts.values()) == 1, counts
