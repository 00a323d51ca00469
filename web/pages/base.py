"""What every page shares: its blueprint (with errors rendered as pages), the caller, the
signed-in account with its grants, and the navigation its roles open."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any, Protocol, TypeVar

from flask import Blueprint, g, redirect, render_template, request, url_for
from markupsafe import Markup
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response as WerkzeugResponse

from application.authorization import Action, Caller, allows
from application.bus import Outcome
from application.commands.base import Command
from application.errors import AuthenticationError, PermissionDeniedError
from application.work_kinds import role_name
from domain.account import ROLE_RANK, Account, Role
from domain.errors import FieldError
from projections.event_words import denied_words
from web.auth import CSRF_FIELD, csrf_token, presented_token
from web.context import account_id, bus, queries, unit_of_work
from web.errors import REFUSED_ERRORS, InputRefusedError, PageInputError, detail_of, status_of


class HasPosition(Protocol):
    @property
    def position(self) -> int: ...


Positioned = TypeVar("Positioned", bound=HasPosition)
"""A command's outcome: where in the log its change landed."""

ROLE_TITLES: dict[str, str] = {role.value: f"{role_name(role)}人员" for role in Role}
"""How a role is named on the pages: its kind of work (填报人员, 审核人员, 复核人员,
监管人员, 系统管理人员), as a grant's unit says where (ROLE_WORDS, in tables, name a level)."""


@dataclass(frozen=True)
class GrantView:
    role: Role
    unit_code: str
    unit_name: str

    @property
    def title(self) -> str:
        return ROLE_TITLES[self.role.value]


@dataclass(frozen=True)
class NavLink:
    label: str
    endpoint: str
    roles: frozenset[Role]


NAV: tuple[NavLink, ...] = (
    NavLink("首页", "home.index", frozenset(Role)),
    NavLink("待验收", "review.queue", frozenset({Role.TOWN_REVIEWER, Role.COUNTY_AUDITOR})),
    NavLink("批量表格", "sheet.bulk", frozenset({Role.TOWN_REVIEWER, Role.COUNTY_AUDITOR})),
    NavLink(
        "抽查复核", "spot_checks.campaigns", frozenset({Role.COUNTY_AUDITOR, Role.CITY_REGULATOR})
    ),
    NavLink("风险提示", "spot_checks.risk", frozenset({Role.COUNTY_AUDITOR, Role.CITY_REGULATOR})),
    NavLink(
        "初审质量", "spot_checks.agreement", frozenset({Role.COUNTY_AUDITOR, Role.CITY_REGULATOR})
    ),
    NavLink("整改台账", "rectifications.ledger", frozenset(Role) - {Role.ADMINISTRATOR}),
    NavLink("统计报表", "reports.index", frozenset(Role) - {Role.ADMINISTRATOR}),
    NavLink("系统管理", "admin.index", frozenset({Role.ADMINISTRATOR})),
)
"""The top navigation: a link shows when one of the account's roles may use it."""


class Me:
    """The signed-in account of this request, with its grants named for people."""

    def __init__(self, account: Account) -> None:
        self.account = account

    @cached_property
    def grants(self) -> list[GrantView]:
        views = []
        for grant in self.account.grants.values():
            unit = queries().units.row(grant.unit_id)
            code, name = (unit.code, unit.name) if unit else ("?", "（未知单位）")
            views.append(GrantView(grant.role, code, name))
        return sorted(views, key=lambda v: (-ROLE_RANK[v.role], v.unit_code))

    @property
    def roles(self) -> frozenset[Role]:
        return frozenset(g.role for g in self.grants)

    def has(self, *roles: Role) -> bool:
        return bool(self.roles & set(roles))

    def may(self, action: Action) -> bool:
        """Whether one of the account's roles allows an action somewhere (ask before reading
        what the caller may reach: a refused read is recorded as an access denied)."""
        return any(allows(g.role, action) for g in self.grants)

    def grants_as(self, role: Role) -> list[GrantView]:
        return [g for g in self.grants if g.role is role]

    @property
    def nav(self) -> list[NavLink]:
        return [link for link in NAV if link.roles & self.roles]


def me() -> Me:
    """The signed-in account (the before-request hook refused anonymous requests)."""
    if "me" not in g:
        g.me = Me(queries().access.me(page_caller()))
    found: Me = g.me
    return found


def page_caller(expected_version: int | None = None) -> Caller:
    """The caller of a page request; a change names the version its form was read at."""
    return Caller(account_id(), g.request_id, None, expected_version)


def handled(command: Command, caller: Caller) -> Outcome:
    """Run a page's command as its caller, through the request's unit of work."""
    return bus().handle(command, caller, unit_of_work())


def dispatch(command: Command, version: int | None = None) -> Outcome:
    """Send a form's command through the bus as the signed-in account, based on the version
    the form was read at; wait until the read models show it, so the next page does too."""
    outcome = bus().handle(command, page_caller(version), unit_of_work())
    queries().log.settle(outcome.position)
    return outcome


def settled(outcome: Positioned) -> Positioned:
    """Wait (briefly) until the read models show a change, so the next page shows it too."""
    queries().log.settle(outcome.position)
    return outcome


def form_version(field: str = "version") -> int:
    """The version a form was read at (a hidden field every changing form carries)."""
    raw = request.form.get(field, "")
    if not raw.isdigit():
        raise PageInputError(f"the form lacks the version it was read at ({field})")
    return int(raw)


def page_blueprint(name: str, import_name: str, url_prefix: str | None = None) -> Blueprint:
    """A blueprint of pages: its errors render as pages, with the status the API would answer
    (web.errors.STATUSES), and signing in is asked for."""
    bp = Blueprint(name, import_name, url_prefix=url_prefix)
    for refused in REFUSED_ERRORS:
        bp.register_error_handler(refused, _refused)
    bp.register_error_handler(AuthenticationError, _sign_in_first)
    bp.register_error_handler(HTTPException, _http_error)
    return bp


ERROR_TITLES: dict[int, str] = {
    400: "请求有误",
    401: "请先登录",
    403: "无权执行此操作",
    404: "未找到",
    405: "不支持该操作",
    409: "数据已被他人修改",
    413: "上传的文件过大",
    422: "提交的内容有误",
    429: "尝试次数过多",
    500: "服务器内部错误",
}


ERROR_HELP: dict[int, str] = {
    403: "您的账号没有执行这一操作的权限。",
    404: "要找的内容不存在，或已被移除。请检查链接。",
    409: "在您打开此页面之后，已有他人修改了这份内容。请返回并刷新页面，看过最新内容后再操作；"
    "您的修改没有保存。",
    422: "提交的内容不符合要求，没有保存任何修改。请返回修改后再提交。",
}
"""What each refusal means for the person reading it; the detail below says exactly what."""


def error_page(status: int, detail: str) -> tuple[str, int]:
    title = ERROR_TITLES.get(status, "出错了")
    page = render_template(
        "error.html", status=status, title=title, help=ERROR_HELP.get(status), detail=detail
    )
    return page, status


def _http_error(error: HTTPException) -> tuple[str, int]:
    return error_page(error.code or 500, error.description or "")


def _refused(error: Exception) -> tuple[str, int]:
    """Any refusal in the table, said as the person should read it."""
    if isinstance(error, InputRefusedError):
        return error_page(error.status, "；".join(p.message_zh for p in error.problems[:5]))
    if isinstance(error, FieldError):
        return error_page(status_of(error), error.message_zh)
    if isinstance(error, PermissionDeniedError) and error.action:
        return error_page(status_of(error), denied_words(error.action, error.target))
    return error_page(status_of(error), detail_of(error))


def _sign_in_first(error: AuthenticationError) -> WerkzeugResponse | tuple[str, int]:
    if request.method == "GET":
        return redirect(url_for("session.login", next=request.full_path.rstrip("?")))
    return error_page(401, "登录已过期，请重新登录后再提交。")


def csrf_input() -> Markup:
    """The hidden CSRF field every changing form of ours carries (empty when signed out)."""
    presented = presented_token()
    if presented is None or "account_id" not in g:
        return Markup("")
    return Markup('<input type="hidden" name="{}" value="{}">').format(
        CSRF_FIELD, csrf_token(presented[0])
    )


def csrf_meta() -> str:
    """The CSRF token for scripts that post with fetch (the X-CSRF-Token header)."""
    presented = presented_token()
    return csrf_token(presented[0]) if presented and "account_id" in g else ""


def template_globals() -> dict[str, Any]:
    """What every template may use: the signed-in account (None when signed out)."""
    return {"me": me() if "account_id" in g else None}
