"""A refusal of the domain said in Chinese, and the field it concerns."""

from __future__ import annotations

from domain.errors import FieldError, ScoringInputError

KNOWN: tuple[tuple[str, str, bool], ...] = (
    ("a reason is required", "请填写理由：初审、复核改分以及扣分、一票否决须说明理由。", True),
    ("layer of an assessment that is", "评分表当前所处阶段不允许修改您这一层的评分。", False),
    ("cannot attach evidence", "评分表当前所处阶段不能再上传佐证材料。", False),
    ("cannot submit an assessment that is", "评分表当前所处阶段不能提交。", False),
    ("no counted deduction", "该扣分项不按次数计。", True),
    ("must be a whole number", "次数须为不小于 0 的整数。", True),
    ("must be 0 or", "视情扣分超出可扣范围。", True),
    ("is not in steps of", "扣分须为规定步长的整数倍。", True),
    ("claim for matter", "没有该事项的加分申报。", False),
    ("claim must name its matter", "请填写加分事项。", True),
    ("is not raised", "该否决条件未被提出。", False),
)
"""Fragments of the domain's (English) refusals, what the page says instead, and whether it
concerns the form's own value field (a missing reason concerns the reason field)."""


def refusal_words(refused: Exception, reason_field: str, value_field: str = "") -> tuple[str, str]:
    """(the field to mark, or "" for none; the words to say)."""
    said = str(refused)
    for fragment, words, own_field in KNOWN:
        if fragment in said:
            if fragment.startswith("a reason"):
                return reason_field, words
            return (value_field if own_field else ""), words
    if isinstance(refused, ScoringInputError):
        return value_field, "；".join(refused.problems)
    if isinstance(refused, FieldError):
        return "", refused.message_zh
    return "", said
