"""The demo's rectification (整改台账): the county opens an item for the falsification its spot
check found, the station reports what it did with evidence, and the county re-checks and
closes it, each step on the authorizing bus as the accounts would take it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any, Protocol
from uuid import UUID

from application.commands.base import Command
from application.commands.rectifications import (
    CloseRectification,
    EvidenceFile,
    OpenRectification,
    ReportRectification,
)
from application.service import Kaohe
from domain.account import Role
from domain.campaign import Campaign
from domain.china_time import china_day
from domain.rectification import Owner, Rectification, Source, rectification_id

PROBLEM = "站长任命文件系补签、日期倒填：重新履行任命程序，如实建档，并在站内公示"
REPORT = "已由村党支部重新研究任命站长，任命文件按实际日期印发并归档，站内公示栏已公示"


class Acting(Protocol):
    """What the demo's activity offers: the store, its accounts, and a way to act as one."""

    app: Kaohe

    def actor(self, role: Role, unit_code: str) -> Any: ...

    def stepper(self, who: Any) -> Callable[[Command], object]: ...


def rectify_falsification(activity: Acting, county: str, campaign_id: UUID) -> None:
    """Each falsification the closed campaign found becomes an item, answered and closed."""
    app = activity.app
    campaign = app.runner.find(Campaign, campaign_id)
    if campaign is None:
        return
    auditor = activity.stepper(activity.actor(Role.COUNTY_AUDITOR, county))
    for aid, finding in sorted(campaign.findings.items()):
        source = Source.finding(campaign.id, UUID(aid))
        if finding != "falsification" or app.runner.find(Rectification, rectification_id(source)):
            continue
        station = app.units.get_by_id(app.assessments.get(UUID(aid)).unit_id).code
        due = china_day(campaign.modified_on) + timedelta(days=30)
        owner = Owner(role=Role.STATION_STAFF.value)
        opened = OpenRectification(
            source=source, unit=station, problem=PROBLEM, deadline=due, owner_role=owner.role
        )
        auditor(opened)
        rid = rectification_id(source)
        staff = activity.stepper(activity.actor(Role.STATION_STAFF, station))
        proof = EvidenceFile(file_name="重新任命文件及公示照片.pdf", content=REPORT.encode())
        staff(ReportRectification(rectification_id=rid, action=REPORT, files=(proof,)))
        auditor(
            CloseRectification(rectification_id=rid, note="现场复查：已重新任命并公示，整改到位")
        )
