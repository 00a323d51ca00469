"""A caller reads its own last write at once, on its next request as well, whichever process
answers it (its position is kept with its token); another caller's writes do not make its
reads catch the views up, which is the projection worker's work."""

from __future__ import annotations

from pathlib import Path

import pytest

from application.commands.accounts import CreateAccount
from application.store import EventStore
from infra.projections.registry import Projections
from projections.accounts import ACCOUNTS
from tests.integration.web.world import PASSWORD, World, build_world
from web.app import projections_of


@pytest.fixture
def world(store: EventStore, tmp_path: Path) -> World:
    """The world's app as production runs it: a projection worker keeps the views current
    (here the test calls it), so reads wait only for the caller's own writes."""
    return build_world(store, tmp_path / "evidence", {"KAOHE_VIEWS_KEPT_CURRENT": True})


def new_account(username: str) -> dict[str, str]:
    return {"username": username, "display_name": f"{username} 用户", "password": PASSWORD}


def accounts_page(world: World) -> str:
    response = world.client.get("/admin/accounts", headers=world.login("admin"))
    assert response.status_code == 200, response.data[:500]
    return response.get_data(as_text=True)


def counting_catch_ups(projections: Projections, monkeypatch: pytest.MonkeyPatch) -> list[object]:
    caught: list[object] = []
    catch_up = projections.catch_up
    monkeypatch.setattr(
        projections, "catch_up", lambda names=None: caught.append(names) or catch_up(names)
    )
    return caught


def test_the_next_request_of_a_caller_reads_its_write(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    projections = projections_of(world.app)
    projections.catch_up()  # no projection worker runs here: only the caller's reads catch up
    assert "wang.wu" not in accounts_page(world)
    caught = counting_catch_ups(projections, monkeypatch)

    created = world.client.post(
        "/api/v1/accounts", json=new_account("wang.wu"), headers=world.login("admin")
    )

    assert created.status_code == 201, created.get_json()
    assert "wang.wu" in accounts_page(world)
    assert [ACCOUNTS] in caught
    caught.clear()
    assert "wang.wu" in accounts_page(world)
    assert caught == [], "a read caught up again though the caller wrote nothing since"


def test_another_callers_write_does_not_make_a_read_catch_up(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    projections = projections_of(world.app)
    accounts_page(world)  # the caller has signed in
    projections.catch_up()
    caught = counting_catch_ups(projections, monkeypatch)

    world.send("admin", CreateAccount(**new_account("zhao.liu")))  # another process, say

    assert "zhao.liu" not in accounts_page(world)
    assert caught == []
    projections.catch_up()  # what the projection worker does
    assert "zhao.liu" in accounts_page(world)


def test_without_a_worker_every_read_brings_the_views_up_to_the_log(world: World) -> None:
    world.app.config["KAOHE_VIEWS_KEPT_CURRENT"] = False  # as `create_app()` on SQLite alone
    world.send("admin", CreateAccount(**new_account("zhao.liu")))  # another caller's write

    assert "zhao.liu" in accounts_page(world)
