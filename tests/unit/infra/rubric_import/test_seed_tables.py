"""The four seeds' scoring tables, typed into spreadsheets, imported: each gives the items
and maxima of the built-in rubric made from the same seed, and lists what is left to settle."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from domain.rubric import Item, Node, Rubric, Section
from infra.rubric_files import find_builtin_rubric, parse_rubric_text
from infra.rubric_import.proposal import Metadata, Proposal, propose_from_file
from tests.unit.infra.rubric_import.tables import seed_xlsx

FENGDU_TITLE = "服务对象100人以下村（社区）退役军人服务站规范建设运行验收评分表"


def imported(name: str, title: str, merged: tuple[int, ...]) -> tuple[Proposal, Rubric]:
    proposal = propose_from_file(seed_xlsx(name, title, merged), f"{name}.xlsx", Metadata())
    assert proposal.problems == []
    return proposal, parse_rubric_text(proposal.text, name)


def builtin(code: str) -> Rubric:
    rubric = find_builtin_rubric(code, 1)
    assert rubric is not None
    return rubric


def tree(rubric: Rubric, numbers: bool = True) -> list[tuple[object, ...]]:
    """Every node in order: sections by number, title and max; items by number, standard,
    max and kind (numbers left out where the seed prints none)."""
    rows: list[tuple[object, ...]] = []

    def visit(node: Node, depth: int) -> None:
        if isinstance(node, Section):
            rows.append((depth, node.number if numbers else "", node.title, node.max_points))
            for child in node.children:
                visit(child, depth + 1)
        else:
            assert isinstance(node, Item)
            number = node.number if numbers else ""
            rows.append((depth, number, node.standard, node.max_points, node.kind.value))

    for node in rubric.nodes:
        visit(node, 0)
    return rows


def maxima(rubric: Rubric) -> list[tuple[str, Decimal | None]]:
    return [(item.number, item.max_points) for item in rubric.items()]


def settled(proposal: Proposal) -> str:
    return "\n".join(str(note) for note in proposal.settle)


def test_the_fengdu_table_is_rebuilt_with_no_difference_in_items_and_maxima() -> None:
    proposal, rubric = imported("fengdu", FENGDU_TITLE, merged=(0,))
    fengdu = builtin("fengdu-village-station")
    assert tree(rubric) == tree(fengdu)
    assert (rubric.title, rubric.base_max, rubric.bonus_cap) == (
        fengdu.title,
        fengdu.base_max,
        fengdu.bonus_cap,
    )
    veto = rubric.item("61")
    assert veto is not None and [c.text for c in veto.conditions] == [
        c.text
        for c in fengdu.item("61").conditions  # type: ignore[union-attr]
    ]
    assert "Sheet1!C60" in settled(proposal)  # item 58's tiers: named by a person


def test_the_changzhi_table_gives_its_70_items_and_maxima_and_leaves_the_rules_to_settle() -> None:
    proposal, rubric = imported("changzhi", "县(区)退役军人服务中心考核评分表", merged=(0,))
    changzhi = builtin("changzhi-county-centre")
    assert maxima(rubric) == maxima(changzhi)
    sections = [(s.number, s.title, s.max_points) for s in rubric.nodes]
    assert sections == [(s.number, s.title, s.max_points) for s in changzhi.nodes]
    assert rubric.base_max == changzhi.base_max == 100
    assert [i.kind for i in rubric.items()] == [i.kind for i in changzhi.items()]
    notes = settled(proposal)
    assert "Sheet1!C67 … Sheet1!C70 (4): bonus tiers" in notes  # items 61-64
    assert "no number is printed for this section; 一 is assigned" in notes
    lines = {n: rubric.item(n).deductions for n in ("65", "70")}  # type: ignore[union-attr]
    assert lines["65"] == tuple(
        replace(line, id=f"d{i}")
        for i, line in enumerate(changzhi.item("65").deductions, 1)  # type: ignore[union-attr]
    )
    assert [(d.text, d.per, d.cap) for d in lines["70"]] == [
        ("所属乡镇退役军人服务站站长有1人未配备到位的，扣县区3分，最多扣10分", 3, 10)
    ]
    assert "not read: 乡镇服务站站长不在岗履职（借调等）的，每有1人扣2人，最多扣10分" in notes
    assert "line d9 names 弄虚作假" in notes
    assert "same_matter_bonus: not proposed" in notes


def test_the_zaozhuang_table_gives_its_task_points_and_targets_with_numbers_to_settle() -> None:
    proposal, rubric = imported("zaozhuang", "枣庄市退役军人服务中心", merged=(0, 1))
    zaozhuang = builtin("zaozhuang-city-centre")
    assert tree(rubric, numbers=False) == tree(zaozhuang, numbers=False)
    assert [i.target for i in rubric.items()] == [i.target for i in zaozhuang.items()]
    targets = [i.numeric_target for i in rubric.items()]
    assert targets == [i.numeric_target for i in zaozhuang.items()]  # 完成率不低于80%
    assert "a rate in the target is read as numeric_target" in settled(proposal)
    assert rubric.base_max == 400
    assert "no number is printed for these items" in settled(proposal)


def test_the_wushen_table_gives_its_criteria_and_maxima_summed_from_the_text() -> None:
    proposal, rubric = imported(
        "wushen", "2024年度市对旗重点业务工作绩效考评细则", merged=(0, 1, 2)
    )
    wushen = builtin("wushen-banner-tasks")
    assert maxima(rubric) == maxima(wushen)
    assert [(s.number, s.title, s.max_points) for s in rubric.nodes] == [
        (s.number, s.title, s.max_points) for s in wushen.nodes
    ]
    assert rubric.step == Decimal("0.1")
    assert "the sum of the '(N分)' parts" in settled(proposal)
