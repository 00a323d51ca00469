"""The tables pages (统计报表): the list, each table with its filter, print view and files."""

from web.pages.reports.routes import bp

__all__ = ["bp"]
