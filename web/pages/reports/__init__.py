"""The tables bureaus hand up: each with an as-of date, a print view, XLSX and CSV."""

from __future__ import annotations

from flask import render_template

from web.pages.base import page_blueprint

bp = page_blueprint("reports", __name__)


@bp.get("/tables")
def index() -> str:
    return render_template("placeholder.html", title="统计报表")


@bp.get("/tables/<name>")
def show(name: str) -> str:
    return render_template("placeholder.html", title="统计报表")
