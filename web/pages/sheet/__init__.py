"""The scoring sheet, laid out like the paper 评分表."""

from __future__ import annotations

from uuid import UUID

from flask import render_template

from web.pages.base import page_blueprint

bp = page_blueprint("sheet", __name__)


@bp.get("/assessments/<uuid:aid>")
def show(aid: UUID) -> str:
    return render_template("placeholder.html", title="评分表")
