"""An inspection team scores one sheet together: each item is written against its own version,
so writers of different items all get through, and two writers of one item still conflict."""

from __future__ import annotations

import threading
from typing import Any

from application.commands.accounts import CreateAccount, GrantRole
from domain.account import Role
from tests.integration.web.world import PASSWORD, World


def team(world: World, size: int) -> list[dict[str, str]]:
    """Reviewers of the town, each signed in (their bearer headers)."""
    members = []
    for n in range(size):
        name = f"inspector{n}"
        world.kaohe.setup(
            CreateAccount(username=name, display_name=f"核查员{n}", password=PASSWORD)
        )
        world.kaohe.setup(GrantRole(username=name, role=Role.TOWN_REVIEWER, unit="T1"))
        members.append(world.login(name))
    return members


def at_once(world: World, writes: list[tuple[str, dict[str, str], str]]) -> list[Any]:
    """Each (path, headers, points) as a PUT of its own thread, all released together."""
    barrier = threading.Barrier(len(writes))
    answers: list[Any] = [None] * len(writes)

    def write(i: int) -> None:
        path, headers, points = writes[i]
        client = world.app.test_client()
        barrier.wait()
        answers[i] = client.put(
            path, json={"points": points, "reason": "现场核查"}, headers=headers
        )

    threads = [threading.Thread(target=write, args=(i,)) for i in range(len(writes))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def test_writers_of_different_items_of_one_sheet_all_succeed(world: World) -> None:
    aid = world.assessment("V1", "2023Q2", "submitted")
    members = team(world, 4)
    sheet = f"/api/v1/assessments/{aid}"
    read = world.client.get(sheet, headers=members[0])
    version = read.headers["ETag"]
    items = ["1", "4", "5", "8"]
    writes = [
        (f"{sheet}/items/{n}", h | {"If-Match": version}, "0.5")
        for n, h in zip(items, members, strict=True)
    ]
    answers = at_once(world, writes)
    assert [a.status_code for a in answers] == [200] * len(items)
    now = world.client.get(sheet, headers=members[0]).get_json()
    assert now["version"] == int(version.strip('"')) + len(items)
    assert {n: now["layers"]["review"][n]["points"] for n in items} == dict.fromkeys(items, "0.5")
    changed_at = sorted(now["item_versions"]["review"][n] for n in items)
    assert changed_at == list(range(now["version"] - len(items) + 1, now["version"] + 1))


def test_two_writers_of_one_item_one_wins_and_the_other_is_told_what_changed(
    world: World,
) -> None:
    aid = world.assessment("V1", "2023Q2", "submitted")
    members = team(world, 2)
    item = f"/api/v1/assessments/{aid}/items/6"
    version = world.client.get(item, headers=members[0]).headers["ETag"]
    writes = [
        (item, h | {"If-Match": version}, p) for h, p in zip(members, ["1", "2"], strict=True)
    ]
    answers = at_once(world, writes)
    assert sorted(a.status_code for a in answers) == [200, 412]
    won = next(a for a in answers if a.status_code == 200)
    lost = next(a for a in answers if a.status_code == 412).get_json()
    at = int(won.headers["ETag"].strip('"'))
    assert lost["changed"] == [{"item": "6", "layer": "review", "version": at}]
    assert "item 6" in lost["detail"] and lost["current_version"] == at


def test_an_items_etag_is_its_own_version_and_the_sheets_version_still_works(
    world: World,
) -> None:
    aid = world.assessment("V1", "2023Q2", "submitted")
    (reviewer,) = team(world, 1)
    sheet = f"/api/v1/assessments/{aid}"
    read_at = world.client.get(sheet, headers=reviewer).headers["ETag"]
    first = world.client.put(
        f"{sheet}/items/1",
        json={"points": "0.5", "reason": "核查"},
        headers=reviewer | {"If-Match": read_at},
    )
    assert first.status_code == 200
    item = world.client.get(f"{sheet}/items/2", headers=reviewer)
    assert item.status_code == 200 and item.headers["ETag"] == item_etag(item.get_json())
    assert item.get_json()["layers"]["self"] == {"points": "2"}
    # The sheet's version read before item 1 changed: item 2 has not changed since.
    second = world.client.put(
        f"{sheet}/items/2",
        json={"points": "1", "reason": "核查"},
        headers=reviewer | {"If-Match": read_at},
    )
    assert second.status_code == 200
    stale = world.client.put(
        f"{sheet}/items/1",
        json={"points": "0", "reason": "核查"},
        headers=reviewer | {"If-Match": read_at},
    )
    assert stale.status_code == 412
    missing = world.client.get(f"{sheet}/items/999", headers=reviewer)
    assert missing.status_code == 404


def item_etag(item: dict[str, Any]) -> str:
    return f'"{item["version"]}"'
