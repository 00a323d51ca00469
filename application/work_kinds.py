"""The kinds of work a role allows, free of any level: who acts where is the rubric's word.

The stored role names (station_staff, town_reviewer, …) are kept as they were granted, so
history reads as before; each maps onto one kind of work here."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from domain.account import Role
from domain.workflow import Layer


class Work(StrEnum):
    """What a grant lets its holder do over the unit granted."""

    FILL = "fill"
    """填报: the unit's own staff or task owners fill in its sheet (the self layer)."""
    REVIEW = "review"
    """审核/检查: score the review layer, return or approve."""
    VERIFY = "verify"
    """复核: score the verification layer, record findings, run spot checks."""
    OVERSEE = "oversee"
    """监管: read everything in the subtree, change nothing."""
    ADMINISTER = "administer"
    """系统管理: units, accounts and rubric versions."""


WORK_OF: Mapping[Role, Work] = {
    Role.STATION_STAFF: Work.FILL,
    Role.TOWN_REVIEWER: Work.REVIEW,
    Role.COUNTY_AUDITOR: Work.VERIFY,
    Role.CITY_REGULATOR: Work.OVERSEE,
    Role.ADMINISTRATOR: Work.ADMINISTER,
}
"""The stored role names, each read as the one kind of work it always meant."""

WORK_NAMES: Mapping[Work, str] = {
    Work.FILL: "填报",
    Work.REVIEW: "审核",
    Work.VERIFY: "复核",
    Work.OVERSEE: "监管",
    Work.ADMINISTER: "系统管理",
}

LAYER_OF_WORK: Mapping[Work, Layer] = {
    Work.FILL: Layer.SELF,
    Work.REVIEW: Layer.REVIEW,
    Work.VERIFY: Layer.VERIFICATION,
}
"""The layer of a sheet each kind of work writes; the others write none."""

ROLE_OF_LAYER: Mapping[Layer, Role] = {
    layer: role for role, work in WORK_OF.items() if (layer := LAYER_OF_WORK.get(work))
}


def work_of(role: Role | str) -> Work:
    return WORK_OF[Role(role)]


def role_name(role: Role | str) -> str:
    """How a role is named to people: its kind of work in Chinese."""
    return WORK_NAMES[work_of(role)]
