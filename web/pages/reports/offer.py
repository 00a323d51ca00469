"""The 上报此表 button a table page offers to the unit that hands the table up."""

from __future__ import annotations

from dataclasses import dataclass

from application.authorization import Action, allows
from application.commands.hand_ups import HANDED_TABLES
from web.pages.base import me
from web.pages.reports.query import ReportQuery


@dataclass(frozen=True)
class Offer:
    """The 上报此表 button of a table page: which table, unit and period it hands up."""

    name: str
    unit: str
    period: str


def hand_up_offer(name: str, query: ReportQuery) -> Offer | None:
    """Offered to a role that hands up, on the table of its own unit for one period."""
    if name not in HANDED_TABLES or not query.unit or not query.period or query.as_of:
        return None
    own = {g.unit_code for g in me().grants if allows(g.role, Action.HAND_UP)}
    return Offer(name, query.unit, query.period) if query.unit in own else None
