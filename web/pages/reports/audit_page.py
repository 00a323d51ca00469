"""The 操作记录表 page: the audit trail a page at a time (newest first, keyset on the log
position as the API pages it), under the table's filters (unit, as-of moment) and the
trail's (dates, actor); the downloads keep the whole table."""

from __future__ import annotations

from flask import render_template, request

from application.authorization import Action
from web.context import queries
from web.pages.base import me, page_caller
from web.pages.reports.catalogue import TablePage
from web.pages.reports.query import ReportQuery
from web.pages.reports.units import unit_options
from web.pages.timeline.filters import read_filters, trail_lines
from web.pages.timeline.lines import Line
from web.pages.timeline.names import Names


def audit_page(page: TablePage, query: ReportQuery) -> str:
    """One page of the trail within what the caller may read (refused, and recorded, when
    that is nothing)."""
    filters = read_filters(request.args)
    lines: list[Line] = []
    next_before = None
    if not query.errors:
        reach = queries().trail.reach(page_caller(), unit=query.unit or None)
        as_of = None if query.as_of is None else queries().tables.pinned(query.as_of)
        lines, next_before = trail_lines(filters, Names(), reach, as_of=as_of)
    return render_template(
        "reports/audit.html",
        page=page,
        query=query,
        units=unit_options(page.name),
        filters=filters,
        lines=lines,
        next_before=next_before,
        people_links=me().may(Action.READ_ACCOUNTS),
    )
