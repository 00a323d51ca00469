"""What each risk signal and each disposition is called at the offices: the one wording the
risk page, its table and file, and the audit trail show."""

from __future__ import annotations

from collections.abc import Mapping

from domain.signal_register import DISPOSITION_WORDS as DISPOSITION_WORDS

SIGNAL_WORDS: Mapping[str, str] = {
    "raised_after_return": "退回后自行调高分数",
    "edits_before_deadline": "截止前集中修改",
    "near_identical": "评分表高度雷同",
    "all_maximum": "全部满分",
    "bunching_at_pass_mark": "总分扎堆于达标线",
    "scoring_burst": "同一账号短时间内为多张表打分",
    "fill_time": "填表用时过短",
    "growing_gap": "上下级评分差距逐期扩大",
}
"""Every risk signal by the name results use (`settings.KINDS`)."""


def signal_words(kind: str) -> str:
    return SIGNAL_WORDS.get(kind, kind)
