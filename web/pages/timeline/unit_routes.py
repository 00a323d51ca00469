"""A unit's history: its own events (registered, renamed, moved, contact, closed) and the
audit trail of its subtree, newest first, filtered by time and actor."""

from __future__ import annotations

from flask import render_template, request

from application.authorization import Action
from projections.tables.wording import LEVEL_WORDS
from web.context import queries
from web.pages.base import me, page_caller
from web.pages.timeline.blueprint import bp
from web.pages.timeline.filters import read_filters, trail_lines
from web.pages.timeline.names import Names
from web.pages.timeline.own_events import own_lines
from web.resources.audit.routes import scope


@bp.get("/units/<code>/history")
def unit(code: str) -> str:
    """The unit's own events, and who did what in its subtree (paged, newest first)."""
    who = page_caller()
    found, history = queries().units.with_history(who, code)
    root = scope(who, {"unit": code})
    names = Names()
    own = own_lines(history, names)
    filters = read_filters(request.args)
    lines, next_before = trail_lines(filters, names, root)
    row = queries().units.row(found.id)
    return render_template(
        "timeline/unit.html",
        unit=found,
        level=LEVEL_WORDS.get(found.level.value, found.level.value) + "级",
        parent=names.place(found.parent_id),
        row=row,
        own=list(reversed(own)),
        filters=filters,
        lines=lines,
        next_before=next_before,
        people_links=me().may(Action.READ_ACCOUNTS),
    )
