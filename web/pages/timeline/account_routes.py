"""An account's history: its own events (created, grants given and revoked and by whom,
disabled, refusals) and what it did (the audit trail by actor), each paged, newest first."""

from __future__ import annotations

from flask import render_template, request

from application.authorization import Action
from web.context import queries
from web.errors import PageInputError
from web.pages.base import me, page_caller
from web.pages.timeline.blueprint import bp
from web.pages.timeline.filters import PAGE, read_filters, trail_lines
from web.pages.timeline.lines import Line, grant_text
from web.pages.timeline.names import Names
from web.pages.timeline.own_events import own_lines
from web.resources.audit.routes import scope


def own_page(lines: list[Line], raw: str | None) -> tuple[list[Line], int | None]:
    """The account's own events newest first, up to a page below version `raw`."""
    if raw is not None and not raw.isdigit():
        raise PageInputError(f"own_before must be a version; got {raw[:20]!r}")
    below = int(raw) if raw else None
    newest = [line for line in reversed(lines) if below is None or line.version < below]
    shown = newest[:PAGE]
    return shown, shown[-1].version if len(newest) > PAGE else None


@bp.get("/accounts/<username>/history")
def account(username: str) -> str:
    """The account's own events, and what it did inside the reader's reach."""
    who = page_caller()
    found, history = queries().accounts.with_history(who, username)
    root = scope(who, {})
    names = Names()
    everything = own_lines(history, names)
    own, own_next = own_page(everything, request.args.get("own_before"))
    filters = read_filters({k: v for k, v in request.args.items() if k != "actor"})
    lines, next_before = trail_lines(filters, names, root, str(found.id))
    return render_template(
        "timeline/account.html",
        account=found,
        grants=[grant_text(f"{g.role.value}@{g.unit_id}", names) for g in found.grants.values()],
        own=own,
        own_next=own_next,
        filters=filters,
        lines=lines,
        next_before=next_before,
        people_links=me().may(Action.READ_ACCOUNTS),
    )
