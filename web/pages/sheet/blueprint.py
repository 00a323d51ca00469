"""The sheet pages' blueprint."""

from __future__ import annotations

from web.pages.base import page_blueprint

bp = page_blueprint("sheet", __name__)
