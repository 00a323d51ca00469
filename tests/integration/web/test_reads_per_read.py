"""One read (a page or an API GET) reads the history of each aggregate it touches at most
once: the caller's account is read for signing in, authorizing and the page's menu alike."""

from __future__ import annotations

import pytest

from tests.integration.web.test_reads_per_write import counting_reads
from tests.integration.web.world import World
from web.app import projections_of


@pytest.mark.parametrize(
    ("username", "path"),
    [
        ("staff", "/assessments/{aid}"),
        ("regulator", "/api/v1/assessments/{aid}"),
        ("reviewer", "/review"),
        ("reviewer", "/tables/scores?unit=T1&period=2023Q2"),
        ("reviewer", "/api/v1/tables/scores?unit=T1&period=2023Q2"),
    ],
)
def test_a_read_reads_each_aggregate_once(
    world: World, monkeypatch: pytest.MonkeyPatch, username: str, path: str
) -> None:
    aid = world.assessment("V1", "2023Q2", "submitted")
    projections_of(world.app).catch_up()  # what the projection workers do in production
    headers = world.login(username)
    counts = counting_reads(world, monkeypatch)

    response = world.client.get(path.format(aid=aid), headers=headers)

    assert response.status_code == 200, response.data[:500]
    assert counts, "the read read no aggregate at all"
    assert max(counts.values()) == 1, counts
