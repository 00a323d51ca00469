"""Who may be given sections of a sheet: an inspector of the group that reviews it."""

from __future__ import annotations

from application.context import Context
from application.work_kinds import LAYER_OF_WORK, WORK_OF
from domain.account import Account
from domain.errors import FieldError
from domain.ids import account_id
from domain.rubric import Rubric
from domain.rubric_workflow import workflow_of
from domain.unit import Unit
from domain.workflow import Layer


def group_member(username: str, rubric: Rubric, ctx: Context) -> Account:
    """The account, if it is enabled and holds a review grant over a unit at the level the
    rubric gives the review layer to; otherwise a refusal naming what is needed."""
    level = workflow_of(rubric).level(Layer.REVIEW, rubric.scored_level)
    found = ctx.uow.find(Account, account_id(username))
    if found is not None and not found.disabled:
        for grant in found.grants.values():
            unit = ctx.uow.find(Unit, grant.unit_id)
            reviews = LAYER_OF_WORK.get(WORK_OF[grant.role]) is Layer.REVIEW
            if reviews and unit is not None and unit.level is level:
                return found
    where = "nobody" if level is None else f"the {level.value} level"
    raise FieldError(
        "inspector",
        f"{username!r} is not an inspector of the group: sections go to an enabled account "
        f"that reviews {rubric.code} sheets at {where}",
        f"“{username}”不是检查组成员：只能分配给在本级负责检查评分的有效账号。",
    )
