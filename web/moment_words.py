"""The templates' `in_words` filter: an ISO moment as a clerk reads it (2024年1月1日 23:59:59)."""

from __future__ import annotations

from datetime import datetime

from flask import Flask

from domain.china_time import in_words


def moment_in_words(moment: str | datetime) -> str:
    """Stamps keep their moments as ISO text (so they hash and parse back); shown, they are
    written in China's time and date words."""
    return in_words(datetime.fromisoformat(moment) if isinstance(moment, str) else moment)


def register_moment_words(app: Flask) -> None:
    app.jinja_env.filters["in_words"] = moment_in_words
