"""Item numbers over HTTP: evidence, return reasons, findings, deductions and scores for an
item that is not in the sheet's rubric are refused with 422 naming the item and the rubric,
and nothing is stored (no event, no evidence file)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any
from uuid import UUID

from tests.integration.web.world import RUBRIC, World

API = "/api/v1/assessments"


def refused(
    world: World, answer: Any, before: int, field: str | None = None, number: str = "999"
) -> None:
    body = answer.get_json()
    assert answer.status_code == 422, body
    assert f"'{number}'" in body["detail"] or f"item {number}:" in body["detail"]
    assert f"{RUBRIC} v1" in body["detail"]
    if field is not None:  # named as the field it came in, in English and Chinese
        [error] = body["errors"]
        assert error["field"] == field and f"没有第 {number} 项" in error["message_zh"]
    assert world.kaohe.store.history.max_position() == before


def body_location(answer: Any) -> str:
    return str(answer.get_json()["errors"][0]["location"])


def write(world: World, who: str, aid: UUID, path: str, **kwargs: Any) -> Any:
    headers = world.login(who) | {"If-Match": f'"{world.version(aid)}"'}
    return world.client.post(f"{API}/{aid}/{path}", headers=headers, **kwargs)


def test_evidence_for_an_item_not_in_the_rubric_is_refused_and_no_file_kept(
    world: World, tmp_path: Path
) -> None:
    aid = world.assessment("V1", "2023Q2")
    before = world.kaohe.store.history.max_position()
    upload = {"file": (io.BytesIO(b"a photo no one keeps"), "photo.jpg"), "item": "999"}
    answer = write(world, "staff", aid, "evidence", data=upload)
    refused(world, answer, before, "item")
    assert body_location(answer) == "form"
    assert not [p for p in (tmp_path / "evidence").rglob("*") if p.is_file()]
    kept = {"file": (io.BytesIO(b"a photo of item 1"), "photo.jpg"), "item": "1"}
    assert write(world, "staff", aid, "evidence", data=kept).status_code == 200


def test_a_return_naming_an_item_not_in_the_rubric_is_refused(world: World) -> None:
    aid = world.assessment("V1", "2023Q2", "submitted")
    before = world.kaohe.store.history.max_position()
    body = {"reason": "请补充台账", "items": ["1", "999"]}
    refused(world, write(world, "reviewer", aid, "return", json=body), before, "items")


def test_a_finding_or_its_deduction_on_an_item_not_in_the_rubric_is_refused(
    world: World,
) -> None:
    aid = world.assessment("V1", "2023Q2", "approved")
    before = world.kaohe.store.history.max_position()
    finding = {"finding": "none", "items": ["999"], "note": "核查"}
    refused(world, write(world, "auditor", aid, "findings", json=finding), before, "items")
    veto = {"item": "999", "condition": "3"}
    falsified = finding | {"finding": "falsification", "items": ["1"], "consequence": veto}
    answer = write(world, "auditor", aid, "findings", json=falsified)
    assert answer.status_code == 422 and world.kaohe.store.history.max_position() == before


def test_a_deduction_on_an_item_not_in_the_rubric_is_refused(world: World) -> None:
    aid = world.assessment("V1", "2023Q2")
    before = world.kaohe.store.history.max_position()
    body = {"item": "999", "line": "1", "count": 1, "reason": "扣分"}
    refused(world, write(world, "staff", aid, "deductions", json=body), before)
