"""Audit timelines: an assessment's events with a time slider; a unit's and an account's history."""

from __future__ import annotations

from uuid import UUID

from flask import render_template

from web.pages.base import page_blueprint

bp = page_blueprint("timeline", __name__)


@bp.get("/assessments/<uuid:aid>/timeline")
def assessment(aid: UUID) -> str:
    return render_template("placeholder.html", title="审计时间线")


@bp.get("/units/<code>/history")
def unit(code: str) -> str:
    return render_template("placeholder.html", title="单位历史")


@bp.get("/accounts/<username>/history")
def account(username: str) -> str:
    return render_template("placeholder.html", title="账号历史")
