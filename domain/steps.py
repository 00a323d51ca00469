"""The steps a caller can ask for, one vocabulary for the domain's workflow (which status
allows which step), the policy (which role may take it) and the pages (what to offer)."""

from __future__ import annotations

from enum import StrEnum


class Action(StrEnum):
    """Every step a caller can ask for, named `<resource>.<verb>`."""

    READ_ASSESSMENTS = "assessments.read"
    OPEN = "assessments.open"
    SCORE = "assessments.score"
    ATTACH_EVIDENCE = "assessments.evidence"
    SUBMIT = "assessments.submit"
    RETURN = "assessments.return"
    APPROVE = "assessments.approve"
    RECORD_FINDING = "assessments.finding"
    FINALIZE = "assessments.finalize"
    REOPEN = "assessments.reopen"
    ASSIGN_SECTIONS = "assessments.assign"
    EXTEND_WINDOW = "assessments.extend"
    READ_AUDIT = "audit.read"
    READ_TABLES = "tables.read"
    HAND_UP = "tables.hand_up"
    READ_UNITS = "units.read"
    SET_CONTACT = "units.contact"
    MANAGE_UNITS = "units.manage"
    READ_ACCOUNTS = "accounts.read"
    MANAGE_ACCOUNTS = "accounts.manage"
    READ_RUBRICS = "rubrics.read"
    PUBLISH_RUBRICS = "rubrics.publish"
    VERIFY_LEDGER = "ledger.verify"
    READ_CAMPAIGNS = "campaigns.read"
    OPEN_CAMPAIGN = "campaigns.open"
    FREEZE_FRAME = "campaigns.frame"
    ENTER_SEED = "campaigns.seed"
    DRAW_SAMPLE = "campaigns.draw"
    CLOSE_CAMPAIGN = "campaigns.close"
    ESCALATE_CAMPAIGN = "campaigns.escalate"
    READ_RISK = "risk.read"
    READ_RECTIFICATIONS = "rectifications.read"
    OPEN_RECTIFICATION = "rectifications.open"
    REPORT_RECTIFICATION = "rectifications.report"
    CLOSE_RECTIFICATION = "rectifications.close"
    REOPEN_RECTIFICATION = "rectifications.reopen"
    RECORD_SIGNALS = "risk.record"
    DISPOSE_SIGNAL = "risk.dispose"
