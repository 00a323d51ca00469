"""The Chinese words of the audit timelines: what each event did, and entries as text."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from projections.tables.wording import STATUS_WORDS
from web.pages.words import entry_words

EVENT_WORDS: dict[str, str] = {
    "Assessment.Opened": "新建评分表",
    "Assessment.ItemScored": "打分",
    "Assessment.DeductionApplied": "扣分",
    "Assessment.BonusClaimed": "加分",
    "Assessment.BonusWithdrawn": "撤回加分",
    "Assessment.VetoRaised": "一票否决",
    "Assessment.VetoLifted": "撤销一票否决",
    "Assessment.ProgressEntered": "填写完成进度",
    "Assessment.EvidenceAttached": "上传佐证材料",
    "Assessment.Submitted": "提交",
    "Assessment.Returned": "退回",
    "Assessment.Approved": "验收通过",
    "Assessment.FindingRecorded": "记录复核发现",
    "Assessment.Finalized": "定稿",
    "Assessment.Reopened": "重新打开",
    "Unit.Registered": "登记单位",
    "Unit.Renamed": "单位更名",
    "Unit.Moved": "调整隶属关系",
    "Unit.ContactSet": "更新联系人",
    "Unit.Closed": "撤销单位",
    "Account.Created": "创建账号",
    "Account.PasswordSet": "设置密码",
    "Account.PasswordReset": "重设密码",
    "Account.RoleGranted": "授予角色",
    "Account.RoleRevoked": "收回角色",
    "Account.Disabled": "停用账号",
    "Account.AccessDenied": "拒绝访问",
    "RubricVersion.Published": "发布评分表",
    "RubricVersion.Retired": "停用评分表",
    "Campaign.Opened": "抽查立项",
    "Campaign.FrameFrozen": "锁定抽样名单",
    "Campaign.SeedEntered": "录入随机种子",
    "Campaign.SampleDrawn": "抽取样本",
    "Campaign.Closed": "结束抽查",
}
"""Each event by its aggregate and class name, as people at the offices say it."""

ACTION_WORDS: dict[str, str] = {
    "assessments.read": "查看评分表",
    "assessments.open": "新建评分表",
    "assessments.score": "打分",
    "assessments.evidence": "上传佐证材料",
    "assessments.submit": "提交",
    "assessments.return": "退回",
    "assessments.approve": "验收",
    "assessments.finding": "记录复核发现",
    "assessments.finalize": "定稿",
    "assessments.reopen": "重新打开",
    "audit.read": "查看审计记录",
    "tables.read": "查看统计表",
    "units.read": "查看单位",
    "units.contact": "修改联系人",
    "units.manage": "管理单位",
    "accounts.read": "查看账号",
    "accounts.manage": "管理账号",
    "rubrics.read": "查看评分标准",
    "rubrics.publish": "发布评分标准",
    "ledger.verify": "校验台账",
    "campaigns.read": "查看抽查",
    "risk.read": "查看风险提示",
}
"""Actions named in refusals (拒绝访问)."""

STATE_WORDS: dict[str, str] = {
    **STATUS_WORDS,
    "open": "正常",
    "closed": "已撤销",
    "enabled": "正常",
    "disabled": "已停用",
    "published": "已发布",
    "retired": "已停用",
}

NONE = "（无）"


def event_words(name: str, old: str | None = None) -> str:
    """What an event did: a score set for the first time is 打分, a later one 修改; a
    submission after a return is 重新提交."""
    if name == "Assessment.ItemScored" and old is not None:
        return "修改"
    if name == "Assessment.Submitted" and old == "returned":
        return "重新提交"
    return EVENT_WORDS.get(name, name.rpartition(".")[2])


def entry_text(data: Mapping[str, Any] | None) -> str:
    """An item's entry in one layer (none yet: （无）; emptied: （清空）)."""
    if data is None:
        return NONE
    return entry_words(data) if data else "（清空）"


def json_entry_text(text: str | None) -> str:
    """An entry as the audit trail keeps it (canonical JSON) as text."""
    return entry_text(None if text is None else json.loads(text))


def state_text(value: str | None) -> str:
    if value is None:
        return NONE
    return STATE_WORDS.get(value, value)
