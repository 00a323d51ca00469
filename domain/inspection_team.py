"""An inspection team (检查组) on one sheet: the leader (组长, the account that opened the
sheet) may give the rubric's top sections to inspectors of the group; once any section is
given, an inspector scores the review layer only in the sections given to them. A rubric may
also refuse approval to whoever scored the review layer alone."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from domain.errors import FieldError
from domain.rubric import Rubric, Section
from domain.workflow import Layer

Assigned = Mapping[str, tuple[str, str]]
"""Per top section number: the inspector's account id and name."""


def section_of(rubric: Rubric, number: str) -> Section | None:
    """The top section an item sits in (None: the item sits in none)."""
    return next(
        (
            node
            for node in rubric.nodes
            if isinstance(node, Section) and any(i.number == number for i in node.items())
        ),
        None,
    )


def check_leader(opened_by: str, actor_id: str) -> None:
    if actor_id != opened_by:
        raise FieldError(
            "inspector",
            "only the leader of the inspection group, who opened this sheet, assigns its sections",
            "只有检查组组长（新建本评分表的账号）可以分配评分部分。",
        )


def check_sections(rubric: Rubric, sections: Sequence[str]) -> None:
    """The sections named are top sections of the rubric, at least one, each once."""
    tops = [n.number for n in rubric.nodes if isinstance(n, Section)]
    unknown = [s for s in sections if s not in tops]
    if not sections or unknown or len(set(sections)) != len(sections):
        found = "、".join(sections) or "none"
        raise FieldError(
            "sections",
            f"name each section once, among {', '.join(tops)}; found {found}",
            f"请在 {'、'.join(tops)} 中选择要分配的部分，每部分一次；收到：{found}。",
        )


def check_assigned(
    assigned: Assigned, rubric: Rubric, layer: Layer, actor_id: str, numbers: Iterable[str]
) -> None:
    """Once any section is assigned, a review-layer change of an item outside the sections
    given to the actor is refused, naming the section and who has it."""
    if layer is not Layer.REVIEW or not assigned:
        return
    for number in numbers:
        section = section_of(rubric, number)
        holder = None if section is None else assigned.get(section.number)
        if holder is not None and holder[0] == actor_id:
            continue
        if section is None:
            where, where_zh = f"item {number} is in no section", f"第 {number} 项不属于任何部分"
        else:
            where = f"item {number} is in section {section.number} {section.title}"
            where_zh = f"第 {number} 项属于第{section.number}部分“{section.title}”"
        who = "nobody" if holder is None else holder[1]
        who_zh = "尚未分配给任何人" if holder is None else f"已分配给 {holder[1]}"
        raise FieldError(
            "item",
            f"{where}, assigned to {who}; you score only the sections assigned to you",
            f"{where_zh}，{who_zh}；您只能为分配给您的部分评分。",
        )


def check_not_sole_scorer(scored: Mapping[str, str], actor_id: str) -> None:
    """Refused where the approver scored every item of the review layer that was scored."""
    if scored and set(scored.values()) == {actor_id}:
        raise FieldError(
            "assessment",
            "you scored this sheet's review layer alone; its rubric lets nobody approve what "
            "they scored alone: another member of the group scores a section first",
            "本表的检查评分全部由您一人完成；按评分表规定，不能验收自己独自评分的表，"
            "请检查组其他成员先为分配给他们的部分评分。",
        )
