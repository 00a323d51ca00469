"""How long a reason typed on the sheet page may be (as long as the API takes), and the
refusal that says so."""

from __future__ import annotations

REASON_LIMIT = 2000


def reason_problem(text: str) -> str | None:
    """Why a reason is too long (None: it is not)."""
    if len(text) <= REASON_LIMIT:
        return None
    return f"理由请不超过 {REASON_LIMIT} 字（现为 {len(text)} 字）；本次未保存。"
