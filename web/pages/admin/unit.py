"""One unit: its details and parent history, and the forms that rename it, set its contact,
move it under another parent and close it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from flask import redirect, render_template, url_for
from werkzeug.wrappers import Response

from application.authorization import Action, Caller
from application.bus import Outcome
from application.commands.units import CloseUnit, MoveUnit, RenameUnit, SetUnitContact
from domain.unit import PARENT_LEVEL
from projections.tables.wording import LEVEL_WORDS
from web.context import queries, today
from web.pages.admin.blueprint import bp, require
from web.pages.admin.forms import (
    FormState,
    attempt,
    check_phone,
    check_required,
    done_notice,
    posted,
    text,
)
from web.pages.admin.unit_tree import parents_for
from web.pages.admin.units import managed_tree
from web.pages.base import form_version, handled, page_caller

MAX_CONTACT = 100


@bp.get("/units/<code>")
def unit(code: str) -> str:
    """One unit, with the forms that change it."""
    require(Action.MANAGE_UNITS, "units")
    return unit_page(code, FormState())


def unit_page(code: str, state: FormState) -> str:
    units = queries().units
    found = units.unit(page_caller(), code)
    history = [(since, units.row(pid) if pid else None) for since, pid in found.parents]
    above = PARENT_LEVEL.get(found.level)
    move_to = [
        u for u in parents_for(managed_tree(), above) if above and u.unit_id != found.parent_id
    ]
    return render_template(
        "admin/unit.html",
        unit=found,
        level_words=LEVEL_WORDS,
        parent=units.row(found.parent_id) if found.parent_id else None,
        history=history,
        move_to=move_to,
        today=today().isoformat(),
        form=state.values,
        errors=state.errors,
        done=done_notice(),
    )


def change_unit(
    code: str, form_id: str, state: FormState, change: Callable[[Caller], Outcome], done: str
) -> Response | tuple[str, int]:
    """Make a change at the version the form was read at, or show the form again."""
    caller = page_caller(form_version())
    beside = {"name": f"{form_id}-name", "parent": f"{form_id}-parent"}
    if not attempt(state, form_id, "该单位", lambda: change(caller), fields=beside):
        return unit_page(code, state), state.status
    return redirect(url_for("admin.unit", code=code, done=done), code=303)


@bp.post("/units/<code>/name")
def rename(code: str) -> Response | tuple[str, int]:
    """Rename the unit (its code never changes)."""
    state = posted("rename")
    name = text("name")
    check_required(state, "rename-name", name, "新的单位名称")
    command = RenameUnit(code=code, unit_name=name)
    return change_unit(code, "rename", state, lambda c: handled(command, c), "renamed")


@bp.post("/units/<code>/contact")
def contact(code: str) -> Response | tuple[str, int]:
    """Set the unit's contact person and phone (both may be cleared)."""
    state = posted("contact")
    person, phone = text("contact"), text("phone")
    if len(person) > MAX_CONTACT:
        state.refuse("contact-person", f"联系人最多 {MAX_CONTACT} 个字。")
    check_phone(state, "contact-phone", phone)
    command = SetUnitContact(code=code, contact=person, phone=phone)
    return change_unit(code, "contact", state, lambda c: handled(command, c), "contact")


@bp.post("/units/<code>/move")
def move(code: str) -> Response | tuple[str, int]:
    """Move the unit under another parent from a date, with a reason."""
    state = posted("move")
    parent, since, reason = text("parent"), text("effective_from"), text("reason")
    check_required(state, "move-parent", parent, "新的上级单位")
    try:
        effective_from = date.fromisoformat(since)
    except ValueError:
        effective_from = date.min
        state.refuse("move-from", "请填写生效日期，格式如 2024-01-01。")
    check_required(state, "move-reason", reason, "调整原因")
    command = MoveUnit(code=code, parent=parent, effective_from=effective_from, reason=reason)
    return change_unit(code, "move", state, lambda c: handled(command, c), "moved")


@bp.post("/units/<code>/close")
def close(code: str) -> Response | tuple[str, int]:
    """Close the unit, with a reason; a closed unit takes no further changes."""
    state = posted("close")
    reason = text("reason")
    check_required(state, "close-reason", reason, "撤销原因")
    command = CloseUnit(code=code, reason=reason)
    return change_unit(code, "close", state, lambda c: handled(command, c), "closed")
