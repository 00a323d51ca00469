"""Administration: units, accounts and grants, publishing a rubric."""

from __future__ import annotations

from flask import render_template

from web.pages.base import page_blueprint

bp = page_blueprint("admin", __name__)


@bp.get("/admin")
def index() -> str:
    return render_template("placeholder.html", title="系统管理")
