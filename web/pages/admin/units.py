"""The unit hierarchy: the tree with contacts, and registering a unit under a parent."""

from __future__ import annotations

from flask import redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from application.authorization import Action
from application.commands.units import RegisterUnit
from domain.rubric import UnitLevel
from projections.tables.wording import LEVEL_WORDS
from web.context import queries
from web.pages.admin.blueprint import bp, require
from web.pages.admin.forms import FormState, attempt, check_required, done_notice, posted, text
from web.pages.admin.unit_tree import CHILD_LEVEL, TreeRow, parents_for, tree_rows
from web.pages.base import handled, page_caller

MAX_CODE = 64


def managed_tree() -> list[TreeRow]:
    """The units the administrator manages, as a tree."""
    roots = queries().access.reach(page_caller(), Action.MANAGE_UNITS, "units")
    return tree_rows(queries().units.forest(roots), queries().units.row)


@bp.get("/units")
def units() -> str:
    """The unit tree with each unit's contact, and the form to register a unit."""
    require(Action.MANAGE_UNITS, "units")
    return units_page(FormState(values={"parent": request.args.get("parent", "")}))


def units_page(state: FormState) -> str:
    rows = managed_tree()
    return render_template(
        "admin/units.html",
        rows=rows,
        parents=parents_for(rows),
        level_words=LEVEL_WORDS,
        child_level=CHILD_LEVEL,
        form=state.values,
        errors=state.errors,
        done=done_notice(),
    )


@bp.post("/units")
def register() -> Response | tuple[str, int]:
    """Register a unit under a parent; its level is the one below its parent's."""
    require(Action.MANAGE_UNITS, "units")
    state = posted("register")
    code, name, parent_code = text("code"), text("name"), text("parent")
    check_required(state, "reg-code", code, "单位编码")
    if len(code) > MAX_CODE:
        state.refuse("reg-code", f"单位编码最多 {MAX_CODE} 个字符。")
    check_required(state, "reg-name", name, "单位名称")
    level = UnitLevel.CITY
    if parent_code:
        parent = queries().units.row_by_code(parent_code)
        below = CHILD_LEVEL.get(UnitLevel(parent.level)) if parent else None
        if parent is None or parent.closed or below is None:
            state.refuse("reg-parent", "请选择一个未撤销的市、县或镇级单位作为上级。")
        else:
            level = below
    register = RegisterUnit(code=code, unit_name=name, level=level, parent=parent_code or None)
    taken = ("reg-code", f"单位编码 {code} 已被使用（含已撤销的单位），请换一个编码。")
    made = attempt(
        state,
        "register",
        "",
        lambda: handled(register, page_caller()),
        taken,
        {"name": "reg-name"},
    )
    if not made:
        return units_page(state), state.status
    return redirect(url_for("admin.unit", code=code, done="registered"), code=303)
