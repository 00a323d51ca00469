"""Assertions for input refused at the HTTP edge: the status, a problem in English and
Chinese naming the field, and nothing stored."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from werkzeug.test import TestResponse

from tests.integration.web.world import World

CHINESE = re.compile(r"[\u4e00-\u9fff]")


@dataclass
class Sheet:
    """A village's draft sheet with item 12 scored 2 by its station, and the store's state."""

    world: World
    aid: UUID
    headers: dict[str, str]

    @property
    def url(self) -> str:
        return f"/api/v1/assessments/{self.aid}"

    def writing(self, **more: str) -> dict[str, str]:
        return self.headers | {"If-Match": f'"{self.world.version(self.aid)}"'} | more

    def state(self) -> tuple[int | None, int, Any]:
        """The store's last position, the sheet's version and item 12's self entry."""
        found = self.world.client.get(self.url, headers=self.headers).get_json()
        position = self.world.kaohe.store.history.max_position()
        return position, self.world.version(self.aid), found["layers"]["self"]["12"]


def draft_sheet(world: World) -> Sheet:
    aid = world.assessment("V1", "2023Q2")
    sheet = Sheet(world, aid, world.login("staff"))
    assert sheet.state()[2] == {"points": "2"}
    return sheet


def refused(response: TestResponse, status: int, field: str | None = None) -> dict[str, Any]:
    """The problem of a refused request (asserted: status, problem+json, both languages and,
    when given, an error naming the field)."""
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    assert response.mimetype == "application/problem+json"
    problem: dict[str, Any] = response.get_json()
    assert problem["status"] == status and CHINESE.search(problem["title_zh"])
    assert problem["detail"]
    if field is not None:
        named = [e for e in problem.get("errors", []) if e["field"] == field]
        assert named, problem
        assert all(CHINESE.search(e["message_zh"]) for e in named)
    return problem
