"""The review queue of towns (and counties): approve, or return with reasons per item; a
resubmission shows what changed since the return."""

from __future__ import annotations

from web.pages.review.routes import bp

__all__ = ["bp"]
