"""Who acted, named as people read it: display name and the level acted for."""

from __future__ import annotations

from projections.tables.wording import ROLE_WORDS
from web.context import queries


class People:
    """Display names of accounts by id, looked up once per page."""

    def __init__(self) -> None:
        self._names: dict[str, str] = {}

    def name(self, actor_id: str) -> str:
        if actor_id not in self._names:
            self._names[actor_id] = queries().accounts.display_name(actor_id)
        return self._names[actor_id]

    def who(self, actor_id: str, role: str) -> str:
        """Name and role, e.g. 张三（镇街验收）."""
        words = ROLE_WORDS.get(role)
        return f"{self.name(actor_id)}（{words}）" if words else self.name(actor_id)
