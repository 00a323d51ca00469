"""What the table leaves to be worked out: numbers where none is printed (sections 一, 二 …
at the top and 1, 2 … below; items by their place, 1.2.3), section maxima as the sum of
their items, the base maximum, a bonus cap printed on the bonus section, and the step."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from infra.rubric_import.problems import Note
from infra.rubric_import.text_rules import chinese_number, part_points

Node = dict[str, Any]
NOT_IN_SUMS = ("deduction", "veto")


def settle_numbers(nodes: list[Node], settle: list[Note], path: tuple[int, ...] = ()) -> None:
    count = 0
    for position, node in enumerate(nodes, start=1):
        if "children" in node:
            if node["number"] is None:
                node["number"] = chinese_number(position) if not path else str(position)
                settle.append(assigned(node, "section", node["number"]))
            settle_numbers(node["children"], settle, (*path, position))
        else:
            count += 1
            if node["number"] is None:
                node["number"] = ".".join(str(p) for p in (*path, count))
                settle.append(assigned(node, "item", node["number"]))


def assigned(node: Node, what: str, number: object) -> Note:
    if what == "section":
        return Note(
            node["_cell"],
            f"no number is printed for this section; {number} is assigned in printed order",
            f"此部分未印序号，按顺序编为 {number}",
        )
    return Note(
        node["_cell"],
        "no number is printed for these items; each is numbered by its place (1.2.3: "
        "section 1, its section 2, item 3)",
        "这些项未印序号，按所在位置编号（如 1.2.3：第1部分第2小节第3项）",
    )


def settle_sums(
    nodes: list[Node], settle: list[Note]
) -> tuple[Decimal, Decimal | None, Decimal | None]:
    """The base maximum, a bonus cap and a step (None: the default 0.5 holds)."""
    printed = [n for n in nodes if n.get("kind") == "bonus" and "max" in n]
    for node in nodes:
        section_max(node, None)
    leaves = list(leaf_items(nodes, None))
    standard = [n.get("max") for n, kind in leaves if kind in (None, "standard")]
    if standard and None not in standard:
        base = sum((m for m in standard if m is not None), Decimal(0))
    else:
        base = sum((n.get("max") or Decimal(0) for n in nodes if is_counted(n)), Decimal(0))
    cap = printed[0]["max"] if printed else None
    if cap is not None:
        settle.append(
            Note(
                printed[0]["_cell"],
                f"the bonus section's printed {cap} is proposed as bonus_cap (all bonus together)",
                f"加分项标注的 {cap} 分作为加分总上限（bonus_cap），请确认",
            )
        )
    step = None
    points = [n["max"] for n, _ in leaves if n.get("max") is not None]
    points += [p for n, _ in leaves for p in part_points(n["standard"])]
    if any(p % Decimal("0.5") for p in points):
        step = Decimal("0.1")
        settle.append(
            Note(
                "step",
                "some points are not whole or half points: judged points move in steps of 0.1",
                "部分分值不是整分或半分，评分步长定为 0.1，请确认",
            )
        )
    return base, cap, step


def leaf_items(nodes: list[Node], inherited: str | None) -> Iterator[tuple[Node, str | None]]:
    for node in nodes:
        kind = node.get("kind", inherited)
        if "children" in node:
            yield from leaf_items(node["children"], kind)
        else:
            yield node, kind


def is_counted(node: Node) -> bool:
    return node.get("kind") in (None, "standard", "progress")


def section_max(node: Node, inherited: str | None) -> Decimal | None:
    """A section's maximum: as printed, else the sum of its children where all have one."""
    kind = node.get("kind", inherited)
    if "children" not in node:
        return node.get("max") if kind not in NOT_IN_SUMS else Decimal(0)
    sums = [section_max(child, kind) for child in node["children"]]
    if "max" not in node and kind not in NOT_IN_SUMS and sums and None not in sums:
        total = sum((s for s in sums if s is not None), Decimal(0))
        if total:
            node["max"] = total
    found = node.get("max")
    return found if isinstance(found, Decimal) else None
