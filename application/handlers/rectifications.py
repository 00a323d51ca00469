"""The rectification handlers: an item opened from a closed campaign's finding (or a risk
signal), reported on by its unit, closed or reopened by the county."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any
from uuid import UUID

from application.commands import rectifications as c
from application.context import Context
from application.errors import ConflictError, StepOutOfOrderError
from domain.account import Account, Role
from domain.assessment import Assessment
from domain.campaign import Campaign, Stage
from domain.errors import FieldError
from domain.evidence import Evidence
from domain.ids import unit_id
from domain.levels import UnitLevel
from domain.period_days import last_day_of
from domain.rectification import (
    Owner,
    Rectification,
    SourceKind,
    Status,
    check_action,
    rectification_id,
)
from domain.signal_register import SignalRegister, register_id
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
        period = signal_period(cmd, unit, ctx)
    owner = Owner(cmd.owner_account, cmd.owner_role)
    check_owner(owner, unit, ctx)
    opened = Rectification.open(
        ctx.stamp, cmd.source, unit.id, period, cmd.problem, owner, cmd.deadline
    )
    return [opened]


def signal_period(cmd: c.OpenRectification, unit: Unit, ctx: Context) -> str:
    """The period of a risk signal that the county's register sent to rectification (转整改)
    and that concerns this unit (its subject, or the unit of a sheet it names)."""
    period = check_period((cmd.period or "").strip())
    county = county_of(unit, last_day_of(period), ctx)
    register = None if county is None else ctx.uow.find(SignalRegister, register_id(county, period))
    sent = {s.key: s for s in register.sent_to_rectification()} if register else {}
    found = sent.get(cmd.source.signal_id or "")
    if found is None:
        raise FieldError(
            "source",
            f"signal {cmd.source.signal_id} of {period} was not sent to rectification (转整改) "
            "in its county's register",
            "该风险信号未被处理为“转整改”，不能据其立整改",
        )
    named = [*found.signal.assessments]
    if found.signal.subject == "assessment":
        named.append(found.signal.subject_id)
    sheets = (ctx.uow.find(Assessment, UUID(aid)) for aid in named)
    units = {str(a.unit_id) for a in sheets if a is not None} | {found.signal.subject_id}
    if str(unit.id) not in units:
        raise FieldError(
            "unit",
            f"the signal concerns other units than {cmd.unit}",
            "该风险信号不涉及所选单位",
        )
    return period


def county_of(unit: Unit, day: date, ctx: Context) -> UUID | None:
    """The county the unit belonged to on a day (itself, if it is one)."""
    current: Unit | None = unit
    while current is not None and current.level is not UnitLevel.COUNTY:
        parent = current.parent_on(day)
        current = None if parent is None else ctx.uow.find(Unit, parent)
    return None if current is None else current.id


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
