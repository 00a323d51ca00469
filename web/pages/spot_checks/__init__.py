"""Spot-check screens of counties: campaigns, frame, seed, sample, re-scoring, findings, risk."""

from __future__ import annotations

from uuid import UUID

from flask import render_template

from web.pages.base import page_blueprint

bp = page_blueprint("spot_checks", __name__)


@bp.get("/campaigns")
def campaigns() -> str:
    return render_template("placeholder.html", title="抽查复核")


@bp.get("/campaigns/<uuid:cid>")
def campaign(cid: UUID) -> str:
    return render_template("placeholder.html", title="抽查复核")


@bp.get("/risk")
def risk() -> str:
    return render_template("placeholder.html", title="风险提示")
