"""A role is granted only over a unit at a level where some published rubric gives its kind
of work something to do (a 填报 grant over a town, where no rubric scores towns, is refused)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from uuid import UUID

from eventsourcing.utils import get_topic

from application.unit_of_work import UnitOfWork
from application.work_kinds import LAYER_OF_WORK, WORK_OF, role_name
from domain.account import Role
from domain.errors import DomainError
from domain.rubric import Rubric, UnitLevel
from domain.rubric_version import RubricVersion
from domain.rubric_workflow import workflow_of

PAGE = 500


def published_rubrics(uow: UnitOfWork, rubrics: Callable[[UUID], Rubric]) -> list[Rubric]:
    """Every rubric version published and not retired, in the order published."""
    recorder, found, start = uow.store.recorder, [], 1
    topic = get_topic(RubricVersion.Published)
    while True:
        page = recorder.select_notifications(start, PAGE, topics=[topic])
        found += [UUID(str(n.originator_id)) for n in page]
        if len(page) < PAGE:
            break
        start = page[-1].id + 1
    versions = [uow.find(RubricVersion, rid) for rid in found]
    return [rubrics(v.id) for v in versions if v is not None and not v.retired]


def check_grant_scope(role: Role, level: UnitLevel, published: Iterable[Rubric]) -> None:
    """Refuse a grant of a kind of work no published rubric gives to units of `level`;
    oversight and administration are granted anywhere."""
    layer = LAYER_OF_WORK.get(WORK_OF[role])
    if layer is None:
        return
    given: list[str] = []
    for rubric in published:
        workflow = workflow_of(rubric)
        if layer in workflow.layers_at(level, rubric.scored_level):
            return
        at = workflow.level(layer, rubric.scored_level)
        if at is not None:
            given.append(f"{at.value} ({rubric.code})")
    where = "; it is given at " + ", ".join(given) if given else "; no rubric gives it anywhere"
    raise DomainError(
        f"no published rubric gives {role.value} ({role_name(role)}: the {layer.value} "
        f"layer) anything to do at the {level.value} level{where}"
    )
