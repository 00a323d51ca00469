"""The tables pages (统计报表): the list, each table with its filter, print view and files."""

from web.pages.reports import hand_ups  # noqa: F401  (its routes)
from web.pages.reports.routes import bp

__all__ = ["bp"]
