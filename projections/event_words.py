"""What each event and each code is called at the offices: the one wording the audit trail,
the timelines and the review page all show (audit_changes says what each event changed)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from uuid import UUID

from domain.account import Account
from domain.assessment import Assessment
from domain.campaign import Campaign
from domain.hand_up import HandUp
from domain.rectification import Rectification
from domain.rubric_version import RubricVersion
from domain.signal_register import SignalRegister
from domain.steps import Action
from domain.unit import Unit
from projections.tables.wording import STATUS_WORDS, TARGET_WORDS

EVENT_WORDS: Mapping[type, str] = {
    Assessment.Opened: "新建评分表",
    Assessment.ItemScored: "打分",
    Assessment.ScoredFromFile: "从文件导入打分",
    Assessment.DeductionApplied: "扣分",
    Assessment.BonusClaimed: "申报加分",
    Assessment.BonusWithdrawn: "撤回加分",
    Assessment.VetoRaised: "一票否决",
    Assessment.VetoLifted: "撤销一票否决",
    Assessment.ProgressEntered: "填写完成进度",
    Assessment.EvidenceAttached: "上传佐证材料",
    Assessment.Submitted: "提交验收",
    Assessment.Returned: "退回",
    Assessment.Approved: "验收通过",
    Assessment.FindingRecorded: "记录复核结论",
    Assessment.SectionsAssigned: "分配评分部分",
    Assessment.WindowExtended: "延长期限",
    Assessment.Finalized: "定稿",
    Assessment.Reopened: "重新打开",
    Unit.Registered: "登记单位",
    Unit.Renamed: "单位更名",
    Unit.Moved: "调整隶属关系",
    Unit.ContactSet: "更新联系人",
    Unit.Closed: "撤销单位",
    Account.Created: "创建账号",
    Account.PasswordSet: "设置密码",
    Account.PasswordReset: "重设密码",
    Account.RoleGranted: "授予角色",
    Account.RoleRevoked: "收回角色",
    Account.Disabled: "停用账号",
    Account.AccessDenied: "拒绝访问",
    RubricVersion.Published: "发布评分表",
    RubricVersion.Retired: "停用评分表",
    Campaign.Opened: "抽查立项",
    Campaign.FrameFrozen: "锁定抽样名单",
    Campaign.SeedEntered: "录入随机种子",
    Campaign.SampleDrawn: "抽取样本",
    Campaign.SizeFixed: "按抽样计划确定样本量",
    Campaign.Escalated: "抽查升级",
    Campaign.Closed: "结束抽查",
    Rectification.Opened: "立整改",
    Rectification.Reported: "报送整改情况",
    Rectification.Closed: "复查销号",
    Rectification.Reopened: "退回重新整改",
    HandUp.Started: "建立上报记录",
    HandUp.HandedUp: "上报统计表",
    SignalRegister.Opened: "建立风险信号登记",
    SignalRegister.SignalRecorded: "登记风险信号",
    SignalRegister.SignalDisposed: "处理风险信号",
}
"""Each event the domain defines, as people at the offices say it."""


def name_of(event_class: type) -> str:
    """An event's name as its stored topic ends: its aggregate and class (`Unit.Renamed`)."""
    return event_class.__qualname__


WORDS_BY_NAME: Mapping[str, str] = {name_of(cls): words for cls, words in EVENT_WORDS.items()}

ACTION_WORDS: Mapping[str, str] = {
    Action.READ_ASSESSMENTS: "查看评分表",
    Action.OPEN: "新建评分表",
    Action.SCORE: "打分",
    Action.ATTACH_EVIDENCE: "上传佐证材料",
    Action.SUBMIT: "提交",
    Action.RETURN: "退回",
    Action.APPROVE: "验收",
    Action.RECORD_FINDING: "记录复核发现",
    Action.FINALIZE: "定稿",
    Action.REOPEN: "重新打开",
    Action.ASSIGN_SECTIONS: "分配评分部分",
    Action.EXTEND_WINDOW: "延长期限",
    Action.READ_AUDIT: "查看审计记录",
    Action.READ_TABLES: "查看统计表",
    Action.HAND_UP: "上报统计表",
    Action.READ_UNITS: "查看单位",
    Action.SET_CONTACT: "修改联系人",
    Action.MANAGE_UNITS: "管理单位",
    Action.READ_ACCOUNTS: "查看账号",
    Action.MANAGE_ACCOUNTS: "管理账号",
    Action.READ_RUBRICS: "查看评分标准",
    Action.PUBLISH_RUBRICS: "发布评分标准",
    Action.VERIFY_LEDGER: "校验台账",
    Action.READ_CAMPAIGNS: "查看抽查",
    Action.READ_RISK: "查看风险提示",
    Action.READ_RECTIFICATIONS: "查看整改台账",
    Action.OPEN_RECTIFICATION: "立整改",
    Action.REPORT_RECTIFICATION: "报送整改情况",
    Action.CLOSE_RECTIFICATION: "复查销号",
    Action.REOPEN_RECTIFICATION: "退回重新整改",
    Action.RECORD_SIGNALS: "登记风险信号",
    Action.DISPOSE_SIGNAL: "处理风险信号",
}
"""Steps named in refusals (拒绝访问), by their stored value."""

STATE_WORDS: Mapping[str, str] = {
    **STATUS_WORDS,
    "open": "正常",
    "closed": "已撤销",
    "enabled": "正常",
    "disabled": "已停用",
    "published": "已发布",
    "retired": "已停用",
}
"""The statuses the audit trail's old → new holds, for each kind of aggregate."""


VALUES: Mapping[type, str] = {
    **dict.fromkeys((Assessment.Opened, Assessment.Submitted, Assessment.Returned), "status"),
    **dict.fromkeys((Assessment.Approved, Assessment.Finalized, Assessment.Reopened), "status"),
    **dict.fromkeys((Unit.Closed, Account.Disabled, RubricVersion.Retired), "status"),
    Unit.Moved: "unit",
    Account.RoleGranted: "grant",
    Account.RoleRevoked: "grant",
    Account.AccessDenied: "refusal",
    Assessment.FindingRecorded: "finding",
}
"""What the audit trail's old → new of an event holds where it is not an entry or plain text:
a status (see STATE_WORDS), a unit id, a grant (`role@unit`), a refusal (`denied: …`), a
spot check's finding (see FINDING_WORDS)."""

VALUES_BY_NAME: Mapping[str, str] = {name_of(cls): kind for cls, kind in VALUES.items()}

_SCORED = name_of(Assessment.ItemScored)
_SUBMITTED = name_of(Assessment.Submitted)


def event_words(name: str, old: object | None = None) -> str:
    """What an event did: a score set where something counted before is 修改, not 打分; a
    submission after a return is 重新提交."""
    if name == _SCORED and old is not None:
        return "修改"
    if name == _SUBMITTED and old == "returned":
        return "重新提交"
    return WORDS_BY_NAME.get(name, name.rpartition(".")[2])


def denied_words(text: str, target: str | None = None) -> str:
    """A refusal kept as `denied: <action> <target>` (or given as its action and target),
    in words: 拒绝：查看评分表（评分表）."""
    if target is None:
        text, _, target = text.removeprefix("denied: ").partition(" ")
    return f"拒绝：{ACTION_WORDS.get(text, text)}（{target_words(target)}）"


REFUSAL_REASONS = (
    (re.compile(r" holds no role; "), "该账号没有任何角色"),
    (re.compile(r" is not a step of "), "该账号的角色不能办理此事项"),
    (re.compile(r" is outside the units "), "所涉对象不在该账号授权的单位范围内"),
)
"""Why the authorization refused, as it records it (in English, for the logs), in words."""


def refusal_reason_words(reason: str) -> str:
    """A refusal's recorded reason as a person reads it (the record keeps the original)."""
    for pattern, words in REFUSAL_REASONS:
        if pattern.search(reason):
            return words
    return "无权办理此事项" if reason.isascii() else reason


def reason_words(event_name: str, reason: str) -> str:
    """An event's reason as people read it: a refusal's (recorded for the logs) in words."""
    refused = event_name == name_of(Account.AccessDenied)
    return refusal_reason_words(reason) if refused and reason else reason


def target_words(target: str) -> str:
    """What a refusal was about: its kind in words, and its code unless that is an id."""
    kind, _, which = target.partition(":")
    words = TARGET_WORDS.get(kind, kind)
    shown = "" if not which or _is_id(which.partition(":")[0]) else f" {which}"
    return words + shown


def _is_id(text: str) -> bool:
    try:
        UUID(text)
    except ValueError:
        return False
    return True
