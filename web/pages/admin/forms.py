"""What the administration forms share: field errors, notices after a change, and the
checks of input a person types (before the use case sees it)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from flask import request

from application.bus import Outcome
from application.errors import ConflictError
from domain.errors import DomainError, FieldError
from web.pages.base import settled

PHONE = re.compile(r"^\+?[0-9][0-9 ()-]{5,22}[0-9]$")
"""A phone number as offices write it: digits, with spaces, hyphens or brackets between."""

DONE: dict[str, str] = {
    "registered": "单位已登记。",
    "renamed": "单位名称已修改。",
    "contact": "联系人和联系电话已保存。",
    "moved": "单位已调整上级。调整生效日期之前的各期间仍汇总到原上级单位。",
    "closed": "单位已撤销。",
    "created": "账号已创建。初始密码不会再次显示，请当面或另行告知本人。",
    "granted": "已授予角色。",
    "revoked": "已收回角色。",
    "password": "新密码已设置，该账号原有的会话已失效。",
    "disabled": "账号已停用，其登录状态已全部失效。",
    "published": "评分表已发布。",
    "unchanged": "该版本此前已按相同内容发布，未重复发布。已发布的评分表不可更改。",
}
"""What a page says after the change a `done` query argument names."""


def done_notice() -> str | None:
    return DONE.get(request.args.get("done", ""))


@dataclass
class FormState:
    """A refused form: the values to show again and an error per field (or per form)."""

    values: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    status: int = 422

    def refuse(self, field_id: str, message: str, status: int = 422) -> None:
        if not self.errors:
            self.status = status
        self.errors.setdefault(field_id, message)

    def __bool__(self) -> bool:
        return bool(self.errors)


def posted(form_id: str) -> FormState:
    """The state of a form just sent: its values (marked with the form they came from, so a
    page of several forms fills in only that one again) and no errors yet."""
    return FormState(values={**request.form.to_dict(), "form": form_id})


def text(name: str) -> str:
    return request.form.get(name, "").strip()


def check_phone(state: FormState, field_id: str, phone: str) -> None:
    if phone and not PHONE.match(phone):
        state.refuse(field_id, "联系电话格式不正确：请填写 7–20 位数字，可含空格、连字符或括号。")


def check_required(state: FormState, field_id: str, value: str, what: str) -> None:
    if not value:
        state.refuse(field_id, f"请填写{what}。")


def stale(error: ConflictError, what: str) -> str:
    """The message of a change based on an old version (someone else changed it first)."""
    now = f"（现为第 {error.current_version} 版）" if error.current_version else ""
    return f"{what}已被他人修改{now}，您的修改未保存。请核对下面的当前内容后重新提交。"


def attempt(
    state: FormState,
    form_id: str,
    what: str,
    change: Callable[[], Outcome],
    taken: tuple[str, str] | None = None,
    fields: Mapping[str, str] | None = None,
) -> bool:
    """Make a change unless the form was already refused, and wait until the pages show it.
    A stale version is said on the form (409); a name already `taken` (field, message)
    beside its field; a field the rules refuse beside it (the command's field → the form's,
    in `fields`), in Chinese; another change the rules refuse on the form. True when made."""
    if state:
        return False
    try:
        settled(change())
    except ConflictError as error:
        if taken is not None:
            state.refuse(*taken)
        else:
            state.refuse(form_id, stale(error, what), 409)
    except FieldError as error:
        state.refuse((fields or {}).get(error.field, form_id), error.message_zh)
    except DomainError as error:
        state.refuse(form_id, f"未能保存：{error}")
    return not state
