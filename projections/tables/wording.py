"""The Chinese words the tables use for statuses, results and score layers.

Remarks (备注) and 考核结果 say where a sheet stands. A sheet counts as accepted (已验收)
once the reviewing level has approved it (approved or finalized); only then does its result
show: 合格 / 不合格 / 一票否决 (with the name a veto was recorded under, as in
一票否决（弄虚作假）), or, under a rubric with no pass mark, 已验收 / 已定稿. Before that the
status shows instead: 未提交 (draft), 待验收 (submitted, awaiting review), 已退回 (returned).
A sheet with verification-layer entries adds （已抽查复核） to its remarks; one whose entries
changed after its first approval (reopened and re-scored, or re-scored by the county) adds
（验收后有改动）: the figures shown are not those the first approval accepted."""

from __future__ import annotations

from domain.account import Role
from domain.rubric import UnitLevel
from domain.scoring import Result
from domain.workflow import Layer, Status
from projections.scores import ScoreRow

STATUS_WORDS: dict[str, str] = {
    Status.DRAFT.value: "未提交",
    Status.SUBMITTED.value: "待验收",
    Status.RETURNED.value: "已退回",
    Status.APPROVED.value: "已验收",
    Status.FINALIZED.value: "已定稿",
}

RESULT_WORDS: dict[str, str] = {
    Result.PASSED.value: "合格",
    Result.NOT_PASSED.value: "不合格",
    Result.VETOED.value: "一票否决",
    Result.UNRATED.value: "未定等次",
}

LAYER_WORDS: dict[str, str] = {
    Layer.SELF.value: "自评",
    Layer.REVIEW.value: "初审",
    Layer.VERIFICATION.value: "复核",
}

ROLE_WORDS: dict[str, str] = {
    Role.STATION_STAFF.value: "服务站",
    Role.TOWN_REVIEWER.value: "镇街验收",
    Role.COUNTY_AUDITOR.value: "县级复核",
    Role.CITY_REGULATOR.value: "市级考核",
    Role.ADMINISTRATOR.value: "管理员",
}

LEVEL_WORDS: dict[str, str] = {
    UnitLevel.CITY.value: "市",
    UnitLevel.COUNTY.value: "县（区、旗）",
    UnitLevel.TOWN.value: "镇（乡、街道、苏木）",
    UnitLevel.VILLAGE.value: "村（社区、嘎查）",
}
"""The levels of the hierarchy, as the forms name them."""

FINDING_WORDS: dict[str, str] = {
    "none": "一致（无差异）",
    "error": "有差错",
    "falsification": "弄虚作假",
}
"""A spot check's finding on a sheet (domain.evidence.FINDINGS)."""

TARGET_WORDS: dict[str, str] = {
    "assessment": "评分表",
    "unit": "单位",
    "account": "账号",
    "rubric": "评分标准",
    "rubrics": "评分标准",
    "campaign": "抽查",
    "campaigns": "抽查",
    "rectification": "整改事项",
    "rectifications": "整改台账",
    "signals": "风险信号",
    "ledger": "台账",
    "tables": "统计表",
    "table": "统计表",
}
"""What a refusal was about, by the kind its target names (`assessment:<id>`)."""

ACCEPTED = frozenset({Status.APPROVED.value, Status.FINALIZED.value})
"""Statuses whose figures the reviewing level has accepted: they count in 达标率."""


def accepted(row: ScoreRow) -> bool:
    return row.status in ACCEPTED


def passed(row: ScoreRow) -> bool:
    """Accepted and at or above the pass mark (a veto never passes)."""
    return accepted(row) and row.summary.result == Result.PASSED.value


def result_words(result: str, vetoed_for: tuple[str, ...] = ()) -> str:
    """A result in words; a veto recorded under a name says it: 一票否决（弄虚作假）."""
    words = RESULT_WORDS.get(result, result)
    if result == Result.VETOED.value and vetoed_for:
        return f"{words}（{'、'.join(vetoed_for)}）"
    return words


def verdict(row: ScoreRow) -> str:
    """考核结果: the result once accepted, else the status."""
    if accepted(row) and row.summary.result != Result.UNRATED.value:
        return result_words(row.summary.result, row.summary.vetoed_for)
    return STATUS_WORDS.get(row.status, row.status)


def result_beside_status(row: ScoreRow) -> str:
    """结果 in a list that shows 状态 beside it: the result once accepted; before that, the
    result the current figures would give, marked 暂定, so it never repeats the status."""
    words = RESULT_WORDS.get(row.summary.result, row.summary.result)
    if accepted(row) or row.summary.result == Result.UNRATED.value:
        return words
    return f"{words}（暂定）"


CHANGED_SINCE_APPROVAL = "验收后有改动"
"""The mark of a sheet whose entries changed after its first approval."""


def changed_mark(row: ScoreRow) -> str | None:
    return CHANGED_SINCE_APPROVAL if row.changed_since_approval else None


def remarks(row: ScoreRow) -> str:
    """备注: the verdict, whether the county's spot-check has re-scored the sheet, and
    whether its entries changed after its first approval."""
    checked = "（已抽查复核）" if row.layers.get(Layer.VERIFICATION.value) else ""
    changed = f"（{CHANGED_SINCE_APPROVAL}）" if row.changed_since_approval else ""
    return verdict(row) + checked + changed
