"""A unit's or an account's own events as stored, oldest first, with what each replaced."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from application.read_ports import StoredChange
from projections.event_words import event_words
from web.pages.timeline.lines import Line, denied_text, grant_text, role_words
from web.pages.timeline.names import Names

Change = tuple[str | None, str | None]
Walker = Callable[[str, dict[str, Any]], Change]


def own_lines(changes: Sequence[StoredChange], walker: Walker, names: Names) -> list[Line]:
    """Each stored event as a line, the walker telling what it changed from and to."""
    lines = []
    for change in changes:
        state = change.state
        name = change.topic.rpartition(":")[2]
        old, new = walker(name, state)
        lines.append(
            Line(
                name=name,
                version=change.version,
                at=state["timestamp"],
                person=names.person(str(state.get("actor_id", ""))),
                role=role_words(str(state.get("actor_role", ""))),
                acted_for=names.place(str(state.get("actor_unit", ""))),
                what=event_words(name),
                reason=str(state.get("reason", "")),
                hash=str(state.get("hash", "")),
                old=old,
                new=new,
            )
        )
    return lines


class UnitWalker:
    """Follows a unit's name, parent and contact through its events."""

    def __init__(self, names: Names) -> None:
        self.names = names
        self.name: str | None = None
        self.parent: str | None = None
        self.contact: str | None = None

    def __call__(self, event: str, state: dict[str, Any]) -> Change:
        if event == "Unit.Registered":
            self.name, self.parent = state["name"], _text(state.get("parent_id"))
            above = self.names.place(self.parent).name
            return None, f"{state['name']}（{state['code']}）" + (
                f"，上级：{above}" if above else ""
            )
        if event == "Unit.Renamed":
            old, self.name = self.name, state["name"]
            return old, self.name
        if event == "Unit.Moved":
            old, self.parent = self.names.place(self.parent).name, _text(state["parent_id"])
            return old, f"{self.names.place(self.parent).name}（{state['effective_from']} 起）"
        if event == "Unit.ContactSet":
            old, self.contact = self.contact, f"{state['contact']} {state['phone']}".strip()
            return old, self.contact
        if event == "Unit.Closed":
            return "正常", "已撤销"
        return None, None


class AccountWalker:
    """Follows an account's grants through its events; a refusal names what was refused."""

    def __init__(self, names: Names) -> None:
        self.names = names
        self.grants: dict[str, str | None] = {}

    def __call__(self, event: str, state: dict[str, Any]) -> Change:
        if event == "Account.Created":
            return None, f"{state['display_name']}（{state['username']}）"
        if event == "Account.RoleGranted":
            grant = grant_text(f"{state['role']}@{state['unit_id']}", self.names)
            self.grants[str(state["grant_id"])] = grant
            return None, grant
        if event == "Account.RoleRevoked":
            return self.grants.pop(str(state["grant_id"]), None), None
        if event == "Account.Disabled":
            return "正常", "已停用"
        if event == "Account.AccessDenied":
            return None, denied_text(f"{state['action']} {state['target']}")
        return None, None


def _text(value: object) -> str | None:
    return None if value is None else str(value)
