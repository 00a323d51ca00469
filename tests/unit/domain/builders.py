"""Small rubric definitions for domain tests."""

from __future__ import annotations

from typing import Any

from domain.rubric import Rubric
from domain.rubric_definition import rubric_from_definition


def definition(nodes: list[dict[str, Any]], **top: Any) -> dict[str, Any]:
    return {
        "format": "1",
        "code": "test-rubric",
        "version": "1",
        "title": "测试评分表",
        "scored_level": "village",
        "period": "quarter",
        "base_max": "10",
        **top,
        "nodes": nodes,
    }


def rubric(nodes: list[dict[str, Any]], **top: Any) -> Rubric:
    return rubric_from_definition(definition(nodes, **top), "test.yaml")


def item(number: str, max_points: str | None = "1", **keys: Any) -> dict[str, Any]:
    node: dict[str, Any] = {"number": number, "standard": f"第{number}项", **keys}
    if max_points is not None:
        node["max"] = max_points
    return node


def section(number: str, children: list[dict[str, Any]], **keys: Any) -> dict[str, Any]:
    return {"number": number, "title": f"第{number}部分", "children": children, **keys}
