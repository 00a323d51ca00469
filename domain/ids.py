"""Aggregate ids derived from what makes each aggregate unique, so none is created twice."""

from __future__ import annotations

from uuid import UUID, uuid5

NAMESPACE = UUID("6f1c0a52-6b1e-5b9e-9d55-6b616f6865aa")


def unit_id(code: str) -> UUID:
    return uuid5(NAMESPACE, f"unit:{code}")


def account_id(username: str) -> UUID:
    return uuid5(NAMESPACE, f"account:{username.casefold()}")


def rubric_version_id(code: str, version: int) -> UUID:
    return uuid5(NAMESPACE, f"rubric:{code}:{version}")


def assessment_id(unit: UUID, rubric: UUID, period: str) -> UUID:
    return uuid5(NAMESPACE, f"assessment:{unit}:{rubric}:{period}")


def command_id(key: str) -> UUID:
    return uuid5(NAMESPACE, f"command:{key}")
