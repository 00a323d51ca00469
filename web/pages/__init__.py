"""The pages: server-rendered, in Chinese, for the people at village, town, county and city
offices. They call the same guarded use cases as the API, so the same rules hold."""

from __future__ import annotations

from datetime import datetime

from flask import Flask

from domain.account import Role
from domain.campaign import Stage
from domain.china_time import CHINA
from domain.tier_words import tier_words
from projections.numbers import fraction_text, kept_cell_text, rate_text
from projections.tables.periods import period_label
from web.pages import (
    admin,
    home,
    rectifications,
    reports,
    review,
    rounds,
    session,
    sheet,
    spot_checks,
    timeline,
)
from web.pages.base import csrf_input, csrf_meta, template_globals
from web.pages.words import plain

BLUEPRINTS = [
    session.bp,
    home.bp,
    rounds.bp,
    sheet.bp,
    review.bp,
    spot_checks.bp,
    rectifications.bp,
    timeline.bp,
    reports.bp,
    admin.bp,
]

PUBLIC_ENDPOINTS = session.PUBLIC


STAGE_WORDS = {
    Stage.OPENED.value: "已立项",
    Stage.FROZEN.value: "抽样名单已锁定",
    Stage.SEEDED.value: "已录入随机种子",
    Stage.DRAWN.value: "已抽取样本",
    Stage.ESCALATED.value: "已升级，待抽下一轮",
    Stage.CLOSED.value: "已结束",
}


def localtime(value: datetime | None, seconds: bool = False) -> str:
    """A moment as people in China read it (UTC+8), to the minute unless asked."""
    if value is None:
        return ""
    return value.astimezone(CHINA).strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")


def register_pages(app: Flask) -> None:
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    app.context_processor(template_globals)
    app.jinja_env.globals.update(
        csrf_input=csrf_input,
        csrf_meta=csrf_meta,
        period_label=period_label,
        stage_words=STAGE_WORDS,
        reviewer_roles=(Role.TOWN_REVIEWER, Role.COUNTY_AUDITOR),
        administrator=Role.ADMINISTRATOR,
    )
    app.jinja_env.filters.update(
        localtime=localtime,
        points=plain,
        rate=rate_text,
        share=fraction_text,
        kept_cell=lambda cell, column: kept_cell_text(column, cell),
        tier_words=tier_words,
    )
