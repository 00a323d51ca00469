"""What the login page says to a person refused: a lock-out in minutes, and a warning before
the last attempt that an account is allowed."""

from __future__ import annotations

import math
from datetime import timedelta

from flask import current_app

from infra.login_throttle import ThrottlePolicy, account_subject
from web.context import login_throttle

WRONG = "用户名或密码不正确，或账号已停用。"


def minutes(left: timedelta) -> int:
    """Whole minutes, rounded up: "1 分钟" rather than "0 分钟" for the last seconds."""
    return max(1, math.ceil(left.total_seconds() / 60))


def locked_out(retry_after: int) -> str:
    return f"尝试次数过多，请 {minutes(timedelta(seconds=retry_after))} 分钟后再试。"


def wrong_password(username: str) -> str:
    """The refusal of a wrong password, warning when one more failure locks the account
    (for the rest of the window its first failure opened)."""
    policy: ThrottlePolicy = current_app.config["KAOHE_LOGIN_THROTTLE"]
    throttle = login_throttle()
    standing = throttle.standing(account_subject(username), policy.window)
    if policy.per_account - standing.attempts == 1:
        return f"{WRONG}再输错 1 次将锁定 {minutes(standing.left)} 分钟。"
    return WRONG
