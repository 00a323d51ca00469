"""A form read before a newer change of its sheet: when every newer change is the signed-in
account's own (a submit in another tab, a save before pressing Back), the page says so,
instead of speaking of someone else's change."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from application.read_ports import StoredChange
from domain.assessment import Assessment
from web.context import account_id, queries
from web.pages.base import page_caller

OWN_SUBMIT = "此评分表已由您提交，您操作的页面已过期，本次修改没有保存。下面已显示最新内容。"
OWN_CHANGE = (
    "此评分表在您打开本页之后已由您本人（在其他页面或窗口）修改，您操作的页面已过期，"
    "本次操作没有执行。下面已显示最新内容，请核对后再操作。"
)


def own_stale_words(changes: Sequence[StoredChange], version: int, me: str) -> str | None:
    """What to say when the changes after `version` are all `me`'s (None: someone else's,
    or none)."""
    newer = [c.event for c in changes if c.version > version]
    if not newer or any(str(e.actor_id) != me for e in newer):
        return None
    return OWN_SUBMIT if any(isinstance(e, Assessment.Submitted) for e in newer) else OWN_CHANGE


def stale_words(aid: UUID, version: int) -> str | None:
    """For the signed-in account, read from the sheet's recorded history."""
    history = queries().assessments.history(page_caller(), aid)
    return own_stale_words(history, version, str(account_id()))
