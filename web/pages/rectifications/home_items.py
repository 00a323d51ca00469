"""What the home page shows of the ledger: the items overdue in the account's units, and the
items waiting for its next step (the unit reports; the county re-checks)."""

from __future__ import annotations

from dataclasses import dataclass

from application.authorization import Action
from application.queries.rectifications import RectificationLine
from web.context import queries
from web.pages.base import me, page_caller


@dataclass(frozen=True)
class HomeItems:
    overdue: list[RectificationLine]
    waiting: list[RectificationLine]


def home_items() -> HomeItems:
    """Nothing for an account that reads no ledger (an administrator)."""
    if not me().may(Action.READ_RECTIFICATIONS):
        return HomeItems([], [])
    lines = queries().rectifications.lines(page_caller())
    waiting = []
    if me().may(Action.REPORT_RECTIFICATION):
        units = {g.unit_code for g in me().grants}
        waiting += [x for x in lines if x.status == "open" and x.unit in units]
    if me().may(Action.CLOSE_RECTIFICATION):
        waiting += [x for x in lines if x.status == "reported"]
    return HomeItems([x for x in lines if x.overdue], waiting)
