"""What the demo's scenes (a late hand-up, the seeds' reviews …) use of the loader's
activity: its application, plan, actors and their steps, named here so that the scenes and
the loader do not import each other."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol
from uuid import UUID

from application.bus import Bus
from application.service import Kaohe
from domain.account import Role
from domain.entries import ItemEntry
from infra.demo.plan import DemoPlan


class Activity(Protocol):
    """What the demo's loader offers a scene: its plan, its actors and their steps."""

    app: Kaohe
    bus: Bus
    plan: DemoPlan

    def exists(self, unit_code: str, rubric: str, version: int, period: str) -> bool: ...

    def actor(self, role: Role, unit_code: str) -> Any: ...

    def named(self, username: str) -> Any: ...

    def open(self, who: Any, unit: str, rubric: str, version: int, period: str) -> UUID: ...

    def do(self, who: Any, command: Any) -> Any: ...

    def self_scores(self, aid: UUID) -> Mapping[str, ItemEntry]: ...
