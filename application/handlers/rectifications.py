"""The rectification handlers: an item opened from a closed campaign's finding (or a risk
signal), reported on by its unit, closed or reopened by the county."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from application.commands import rectifications as c
from application.context import Context
from application.errors import ConflictError, StepOutOfOrderError
from domain.account import Account, Role
from domain.campaign import Campaign, Stage
from domain.errors import FieldError
from domain.evidence import Evidence
from domain.ids import unit_id
from domain.rectification import (
    Owner,
    Rectification,
    SourceKind,
    Status,
    check_action,
    rectification_id,
)
from domain.unit import Unit
from domain.workflow import check_period

FOUND = ("error", "falsification")
"""The findings that call for rectification."""


def open_rectification(cmd: c.OpenRectification, ctx: Context) -> list[Rectification]:
    unit = ctx.uow.load(Unit, unit_id(cmd.unit), f"unit {cmd.unit}")
    rid = rectification_id(cmd.source)
    if ctx.uow.find(Rectification, rid) is not None:
        raise ConflictError(f"this {cmd.source.kind.value} already has a rectification: {rid}")
    if cmd.source.kind is SourceKind.FINDING:
        period = finding_period(cmd, unit, ctx)
    else:
        period = check_period((cmd.period or "").strip())
    owner = Owner(cmd.owner_account, cmd.owner_role)
    check_owner(owner, unit, ctx)
    opened = Rectification.open(
        ctx.stamp, cmd.source, unit.id, period, cmd.problem, owner, cmd.deadline
    )
    return [opened]


def finding_period(cmd: c.OpenRectification, unit: Unit, ctx: Context) -> str:
    """The campaign's period, once it is closed with an error or falsification found on
    the named sampled sheet of this unit."""
    cid, aid = cmd.source.campaign_id, cmd.source.assessment_id
    assert cid is not None and aid is not None
    campaign = ctx.uow.load(Campaign, cid, f"campaign {cid}")
    if campaign.stage is not Stage.CLOSED:
        raise FieldError(
            "source",
            f"campaign {campaign.name} is {campaign.stage.value}; findings open "
            "rectifications once it is closed",
            f"抽查“{campaign.name}”尚未结束，结束后才能据其复核结论立整改",
        )
    found = campaign.findings.get(str(aid))
    if found not in FOUND:
        raise FieldError(
            "source",
            f"the finding on assessment {aid} is {found or 'absent'}; allowed: {', '.join(FOUND)}",
            "该评分表的复核结论不是“有误”或“弄虚作假”，无需整改",
        )
    sampled = next(e for e in campaign.frame if e.assessment_id == aid)
    if sampled.unit_id != unit.id:
        raise FieldError(
            "unit",
            f"the sheet with the finding is not {unit.code}'s",
            f"有问题的评分表不属于{unit.name}",
        )
    return campaign.period


def check_owner(owner: Owner, unit: Unit, ctx: Context) -> None:
    """The owner is an account granted a role on the unit, or a role that acts there."""
    if owner.role is not None and owner.role not in {Role.STATION_STAFF, Role.TOWN_REVIEWER}:
        raise FieldError(
            "owner_role",
            f"owner role {owner.role!r} is unknown; allowed: station_staff, town_reviewer",
            "责任岗位只能是本单位的填报或审核人员",
        )
    if owner.account_id is not None:
        account = ctx.uow.load(Account, owner.account_id, f"account {owner.account_id}")
        if not any(g.unit_id == unit.id for g in account.grants.values()):
            raise FieldError(
                "owner_account",
                f"{account.username} holds no role on {unit.code}",
                f"{account.display_name}不是{unit.name}的人员，不能作为责任人",
            )


def at_status(r: Rectification, status: Status, verb: str) -> None:
    if r.status is not status:
        raise StepOutOfOrderError(
            f"cannot {verb} a rectification that is {r.status.value}; "
            f"allowed when it is {status.value}"
        )


def report_rectification(cmd: c.ReportRectification, r: Rectification, ctx: Context) -> None:
    at_status(r, Status.OPEN, "report on")
    # Refuse an empty report before any file is kept, so a refusal leaves nothing behind.
    check_action(cmd.action)
    if any(not f.file_name.strip() or not f.content for f in cmd.files):
        raise FieldError("files", "each evidence file needs a name and content", "佐证材料不能为空")
    files = [
        Evidence(None, f.file_name.strip(), len(f.content), ctx.files.put(f.content))
        for f in cmd.files
    ]
    r.report(ctx.stamp, cmd.action, files)


def close_rectification(cmd: c.CloseRectification, r: Rectification, ctx: Context) -> None:
    at_status(r, Status.REPORTED, "close")
    r.close(ctx.stamp, cmd.note)


def reopen_rectification(cmd: c.ReopenRectification, r: Rectification, ctx: Context) -> None:
    at_status(r, Status.REPORTED, "reopen")
    r.reopen(ctx.stamp, cmd.reason, cmd.deadline)


RECTIFICATION_HANDLERS: Mapping[type[Any], Callable[..., Any]] = {
    c.OpenRectification: open_rectification,
    c.ReportRectification: report_rectification,
    c.CloseRectification: close_rectification,
    c.ReopenRectification: reopen_rectification,
}
