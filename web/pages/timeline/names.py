"""Who and where, for people: an actor's name and username, a unit's name and code (each
looked up once per page)."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from application.actor import SYSTEM
from web.context import queries


@dataclass(frozen=True)
class Person:
    name: str
    username: str


@dataclass(frozen=True)
class Place:
    name: str
    code: str


SYSTEM_PERSON = Person("系统（初始化）", "")
UNKNOWN_PERSON = Person("（未知账号）", "")
NOWHERE = Place("", "")


class Names:
    """Names of the accounts and units a page mentions, read once each."""

    def __init__(self) -> None:
        self._people: dict[str, Person] = {}
        self._places: dict[str, Place] = {}
        self._rubrics: dict[tuple[str, int], str] = {}

    def person(self, account_id: str) -> Person:
        if account_id not in self._people:
            self._people[account_id] = _person(account_id)
        return self._people[account_id]

    def rubric(self, code: str, version: int) -> str:
        """A rubric version as people name it: 村（社区）退役军人服务站验收评分表（第 1 版）."""
        key = (code, version)
        if key not in self._rubrics:
            self._rubrics[key] = f"{queries().rubrics.title(code, version)}（第 {version} 版）"
        return self._rubrics[key]

    def place(self, unit_id: str | UUID | None) -> Place:
        key = "" if unit_id is None else str(unit_id)
        if key not in self._places:
            self._places[key] = _place(key)
        return self._places[key]


def _uuid(text: str) -> UUID | None:
    try:
        return UUID(text)
    except ValueError:
        return None


def _person(account_id: str) -> Person:
    found = _uuid(account_id)
    if found is None:
        return UNKNOWN_PERSON
    if found == SYSTEM.account_id:
        return SYSTEM_PERSON
    account = queries().accounts.find(found)
    if account is None:
        return UNKNOWN_PERSON
    return Person(account.display_name, account.username)


def _place(unit_id: str) -> Place:
    found = _uuid(unit_id)
    if found is None or found == SYSTEM.unit_id:
        return NOWHERE
    row = queries().units.row(found)
    return Place(row.name, row.code) if row else Place("（未知单位）", "")
