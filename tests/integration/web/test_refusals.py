"""Refusals are recorded without letting anyone grow the ledger at will: one event per
account, action and target per hour, and at most 20 per account per hour; the repeats are
counted and carried by the next recorded one. A refusal aimed at a sheet shows on its trail."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from eventsourcing.persistence import StoredEvent

from application.authorization import Action, Caller
from application.errors import PermissionDeniedError
from domain.ids import account_id
from tests.integration.web.world import World
from web.app import projections_of, services_of


def refuse(world: World, username: str, target: str) -> None:
    access = services_of(world.app).queries.access
    with pytest.raises(PermissionDeniedError):
        access.check(Caller(account_id(username), "probe"), Action.MANAGE_UNITS, target)


def denials(world: World, username: str) -> list[dict[str, Any]]:
    return world.denials(username)


def test_a_thousand_refusals_by_one_user_add_a_bounded_number_of_events(world: World) -> None:
    for n in range(500):
        refuse(world, "staff", "unit:SAME")
        refuse(world, "staff", f"unit:X{n}")
    recorded = denials(world, "staff")
    assert 1 <= len(recorded) <= 20
    # Another account's refusals are bounded on their own, not crowded out.
    refuse(world, "staff2", "unit:SAME")
    assert len(denials(world, "staff2")) == 1


def test_the_next_recorded_refusal_carries_the_count_of_repeats(world: World) -> None:
    for _ in range(30):
        refuse(world, "staff", "unit:SAME")
    assert [d["repeats"] for d in denials(world, "staff")] == [0]
    world.clock.advance(timedelta(minutes=61))
    refuse(world, "staff", "unit:SAME")
    assert [d["repeats"] for d in denials(world, "staff")] == [0, 29]


def test_a_refusal_on_a_sheet_is_in_its_audit_trail(world: World) -> None:
    aid = world.assessment("V1", "2023Q2")
    refused = world.client.get(f"/api/v1/assessments/{aid}", headers=world.login("staff9"))
    assert refused.status_code == 403
    projections_of(world.app).catch_up()
    trail = world.client.get(
        "/api/v1/audit", query_string={"assessment": str(aid)}, headers=world.login("regulator")
    )
    assert trail.status_code == 200
    denied = [r for r in trail.get_json()["rows"] if "AccessDenied" in str(r)]
    assert len(denied) == 1
    assert denied[0]["actor_id"] == str(account_id("staff9"))


def test_a_refusal_stored_before_repeats_were_counted_still_reads(world: World) -> None:
    refuse(world, "staff", "unit:SAME")
    mapper = world.kaohe.store.mapper
    (event,) = [
        e for e in world.kaohe.store.events.get(account_id("staff")) if "repeats" in e.__dict__
    ]
    stored = mapper.to_stored_event(event)
    state = mapper.transcoder.decode(stored.state)
    assert state.pop("class_version") == 2
    del state["repeats"]
    old = StoredEvent(
        stored.originator_id,
        stored.originator_version,
        stored.topic,
        mapper.transcoder.encode(state),
    )
    read = mapper.to_domain_event(old)
    assert (read.repeats, read.target) == (0, "unit:SAME")
