"""A campaign's plan and rounds as the page says them: how the size was fixed, the escalation
rule, each round's commitment, seed and sample, and whether the plan calls for escalation."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from domain.campaign import Campaign, Stage
from domain.campaign_plan import FollowUp
from domain.campaign_rounds import Round, due_escalation
from domain.commitment import Commitment, CommitmentKind
from domain.errors import DomainError
from domain.sample_size import SizeGoal, SizeRule
from projections.numbers import fraction_text
from web.moment_words import moment_in_words
from web.pages.spot_checks.campaign_view import SampleLine


def percent(share: Decimal | None) -> str:
    return "—" if share is None else fraction_text(share)


def goal_words(goal: SizeGoal) -> str:
    """The goal, its formula and inputs."""
    if goal.rule is SizeRule.TYPED:
        return f"直接填写：{goal.size} 份"
    if goal.rule is SizeRule.DETECT:
        return (
            f"以 {percent(goal.confidence)} 的把握发现不低于 {percent(goal.rate)} 的弄虚作假："
            "取使样本中一份也抽不到的概率 ∏(N−D−i)/(N−i) ≤ 1−置信度 的最小 n，"
            f"D = ⌈p·N⌉（超几何分布）；名单很大时约 {goal.large_frame_size()} 份"
            "（(1−p)ⁿ ≤ 1−置信度）"
        )
    return (
        f"以 {percent(goal.confidence)} 的置信度把达标率估计到 ±{percent(goal.margin)}："
        f"n₀ = z²·p(1−p)/e²，z = {goal.z}，p = {percent(goal.proportion)}，"
        f"n₀ ≈ {goal.large_frame_size()}；n = n₀/(1+(n₀−1)/N)，向上取整"
    )


def commitment_words(promise: Commitment | None) -> str:
    if promise is None:
        return "未承诺（旧流程立项：种子在名单锁定后录入，无法证明事先确定）"
    if promise.kind is CommitmentKind.HASH:
        return "事先公布的种子 SHA-256 值（数值见页末供审计核对处）"
    return f"公开随机数：{promise.draw}，开奖日期 {promise.draw_date}"


@dataclass(frozen=True)
class RoundLine:
    number: int
    size: str
    commitment: str
    digest: str
    fixed_at: str
    seed: str | None
    source: str | None
    sampled: int


def round_lines(rounds: Sequence[Round]) -> list[RoundLine]:
    return [
        RoundLine(
            r.number,
            "全面检查其余评分表" if r.full else f"{r.size} 份",
            "无需随机数" if r.full else commitment_words(r.commitment),
            r.commitment.digest if r.commitment else "",
            moment_in_words(r.fixed_at),
            r.seed,
            r.source,
            len(r.sample),
        )
        for r in rounds
    ]


def plan_facts(c: Campaign) -> list[tuple[str, str]]:
    """The plan as stated at opening (old campaigns: the typed size, no commitment)."""
    facts = [("随机种子承诺", commitment_words(c.commitment))]
    if c.plan is None:
        return facts
    facts.insert(0, ("样本量确定方式", goal_words(c.plan.goal)))
    rule = c.plan.escalation
    if rule is None:
        facts.append(("升级规则", "无"))
    else:
        then = "全面检查其余评分表" if rule.then is FollowUp.FULL else f"再抽一轮 {rule.size} 份"
        facts.append(("升级规则", f"一轮中“有误”或“弄虚作假”超过 {rule.above} 份时，{then}"))
    return facts


def escalation_due(c: Campaign, sample: Sequence[SampleLine]) -> bool:
    """Whether the last round's findings, all in, pass the plan's threshold with sheets left."""
    if c.stage is not Stage.DRAWN or c.current is None:
        return False
    findings = {s.assessment_id: s.finding for s in sample if s.finding is not None}
    try:
        return due_escalation(c.plan, c.current, findings, c.frame, c.sample) is not None
    except DomainError:  # a finding of the round is not in yet
        return False


def next_is_full(c: Campaign) -> bool:
    rule = None if c.plan is None else c.plan.escalation
    return rule is not None and rule.then is FollowUp.FULL
