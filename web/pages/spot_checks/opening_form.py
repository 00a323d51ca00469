"""The opening form's plan and commitment: how the first round is sized (typed, or from a
goal), when it escalates, and how its seed is fixed in advance; each refusal in Chinese."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation

from domain.campaign_plan import Escalation, FollowUp, Plan
from domain.commitment import Commitment
from domain.errors import FieldError
from domain.sample_size import SizeGoal

FIELDS = (
    "sizing",
    "size",
    "rate",
    "confidence",
    "margin",
    "proportion",
    "above",
    "then",
    "next_size",
    "commit",
    "digest",
    "draw",
    "draw_date",
)

SIZING_WORDS = {
    "typed": "直接填写样本量",
    "detect": "按发现弄虚作假的把握确定",
    "estimate": "按达标率的估计精度确定",
}

FIELD_OF = {"commitment": "digest", "above": "above", "next_size": "next_size"}
"""Where a domain refusal is said on the form, when its field has another name there."""


def field_of(refused: FieldError, form: Mapping[str, str]) -> str:
    """The form field a domain refusal belongs beside."""
    if refused.field == "commitment" and form.get("commit") == "public_draw":
        return "draw"
    return FIELD_OF.get(refused.field, refused.field)


class FormProblems(Exception):
    """The form's refusals, by field."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(errors.values()))
        self.errors = errors


def percent(form: Mapping[str, str], key: str, errors: dict[str, str]) -> Decimal | None:
    """A percentage typed as 10 or 12.5, as the fraction 0.10 or 0.125."""
    text = form.get(key, "")
    try:
        value = Decimal(text) / 100
    except InvalidOperation:
        errors[key] = "请填写 0 至 100 之间的百分数（如 95）。"
        return None
    if not value.is_finite() or not 0 < value < 1:
        errors[key] = "请填写 0 至 100 之间的百分数（如 95）。"
        return None
    return value


def whole(form: Mapping[str, str], key: str, errors: dict[str, str]) -> int | None:
    text = form.get(key, "")
    if not text.isdigit():
        errors[key] = "请填写整数。"
        return None
    return int(text)


def goal_of(form: Mapping[str, str], errors: dict[str, str]) -> SizeGoal | None:
    sizing = form.get("sizing", "typed")
    if sizing == "typed":
        size = whole(form, "size", errors)
        return None if size is None else SizeGoal.typed(size)
    confidence = percent(form, "confidence", errors)
    if sizing == "detect":
        rate = percent(form, "rate", errors)
        if rate is None or confidence is None:
            return None
        return SizeGoal.detect(rate, confidence)
    margin = percent(form, "margin", errors)
    proportion = percent(form, "proportion", errors) if form.get("proportion") else Decimal("0.5")
    if margin is None or confidence is None or proportion is None:
        return None
    return SizeGoal.estimate(margin, confidence, proportion)


def escalation_of(form: Mapping[str, str], errors: dict[str, str]) -> Escalation | None:
    if not form.get("above"):
        return None
    above = whole(form, "above", errors)
    then = FollowUp.FULL if form.get("then") == "full" else FollowUp.ROUND
    size = whole(form, "next_size", errors) if then is FollowUp.ROUND else None
    if above is None or (then is FollowUp.ROUND and size is None):
        return None
    return Escalation(above, then, size)


def commitment_of(form: Mapping[str, str], errors: dict[str, str]) -> Commitment | None:
    """The commitment typed: a SHA-256, or a public draw with its date."""
    if form.get("commit") == "public_draw":
        try:
            day = date.fromisoformat(form.get("draw_date", ""))
        except ValueError:
            errors["draw_date"] = "请填写开奖日期，格式如 2023-07-05。"
            return None
        return Commitment.to_draw(form.get("draw", ""), day)
    return Commitment.to_seed(form.get("digest", ""))


def plan_and_commitment(form: Mapping[str, str]) -> tuple[Plan, Commitment]:
    """The plan and commitment, or FormProblems naming every field refused."""
    errors: dict[str, str] = {}
    parts: list[object] = []
    for read in (goal_of, escalation_of, commitment_of):
        try:
            parts.append(read(form, errors))
        except FieldError as refused:
            errors[field_of(refused, form)] = refused.message_zh
            parts.append(None)
    goal, escalation, commitment = parts
    if errors or not isinstance(goal, SizeGoal) or not isinstance(commitment, Commitment):
        raise FormProblems(errors or {"form": "请完整填写抽样计划和随机种子承诺。"})
    assert escalation is None or isinstance(escalation, Escalation)
    return Plan(goal, escalation), commitment
