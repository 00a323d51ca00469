"""The spot-check pages' blueprint, and the words they name things with."""

from __future__ import annotations

from uuid import UUID

from application.authorization import Action
from domain.campaign import Stage
from web.context import queries
from web.pages.base import me, page_blueprint, page_caller

bp = page_blueprint("spot_checks", __name__)

MODE_WORDS: dict[str, str] = {
    "simple": "简单随机抽样",
    "stratified": "按镇街分层抽样",
    "weighted": "按风险加权抽样",
}

STEPS: tuple[tuple[str, Stage], ...] = (
    ("立项", Stage.OPENED),
    ("锁定抽样名单", Stage.FROZEN),
    ("录入随机种子", Stage.SEEDED),
    ("抽取样本", Stage.DRAWN),
    ("复核并结束", Stage.CLOSED),
)
"""The steps of a campaign as the page lists them, each with the stage it reaches."""

ORDER = [stage for _, stage in STEPS]


def reached(current: Stage, stage: Stage) -> bool:
    """An escalated campaign has been drawn once, and awaits its next round."""
    now = Stage.DRAWN if current is Stage.ESCALATED else current
    return ORDER.index(now) >= ORDER.index(stage)


def unit_name(uid: UUID) -> str:
    found = queries().units.row(uid)
    return found.name if found else "（未知单位）"


def runs_campaigns_of(county_id: UUID, action: Action = Action.FREEZE_FRAME) -> bool:
    """Whether the signed-in account runs this county's spot checks (the regulator reads)."""
    if not me().may(action):
        return False
    roots = queries().access.reach(page_caller(), action, "spot-check page")
    return any(queries().access.holds(root, county_id) for root in roots)
