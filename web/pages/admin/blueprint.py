"""The administration blueprint, and the check every one of its pages makes first."""

from __future__ import annotations

from application.authorization import Action
from web.context import queries
from web.pages.base import page_blueprint, page_caller

bp = page_blueprint("admin", __name__, url_prefix="/admin")


def require(action: Action, label: str) -> None:
    """Refuse (403, recorded as an access denied) a caller whose grants do not allow it."""
    queries().access.check(page_caller(), action, label)
