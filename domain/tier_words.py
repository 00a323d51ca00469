"""The rubrics' tier and deduction-line ids as the forms say them (省部级, 发生越级进京上访的):
the files keep short ids, people read these."""

from __future__ import annotations

TIER_WORDS: dict[str, str] = {
    "central": "中央级",
    "national": "国家级",
    "ministerial": "省部级",
    "provincial": "省级",
    "provincial_department": "省厅级",
    "bureau": "厅局级",
    "prefectural": "地市级",
    "city": "市级",
    "met": "达到要求",
}
"""Each tier id the built-in rubrics use (their `decisions` say what each stands for)."""


def tier_words(tier: str) -> str:
    """A tier as the form names it; an unknown id from an uploaded rubric is shown as given."""
    return TIER_WORDS.get(tier, tier)


def line_words(text: str, fallback: str) -> str:
    """A deduction line by the words its rule begins with (发生越级进京上访的), not its id."""
    head = text.split("，", 1)[0].strip()
    return head or fallback
