"""The review queue of towns (and counties): approve, or return with reasons per item."""

from __future__ import annotations

from flask import render_template

from web.pages.base import page_blueprint

bp = page_blueprint("review", __name__)


@bp.get("/review")
def queue() -> str:
    return render_template("placeholder.html", title="待验收")
