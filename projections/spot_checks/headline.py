"""The factors' headline in words: how many checked sheets are outside the band, and the
worst of them named (which station, its factor, why), as the page, the API and the command
line say it."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any
from uuid import UUID

from projections.spot_checks.factors import AssessmentFactor
from projections.spot_checks.pooling import Factors

BAND_WORDS: Mapping[str, str] = {
    "falsified": "弄虚作假",
    "vetoed": "一票否决",
    "over_reporting": "多报（核实低于上报）",
    "under_reporting": "少报（核实高于上报）",
    "within": "在区间内",
    "none": "无法计算（上报为 0）",
}
"""Why a sheet is (or is not) outside the band."""


def band_range(factors: Factors) -> str:
    s = factors.settings
    return f"{_plain(s.band_low)}–{_plain(s.band_high)}"


def why(a: AssessmentFactor) -> str:
    """Why the sheet is where it is: its band, and a veto beside a falsification."""
    words = BAND_WORDS[a.band]
    if a.band == "falsified" and a.verified_result == "vetoed":
        words += "（一票否决）"
    if a.band == "vetoed":
        words += "（初审已否决，复核确认）" if a.vetoed_as_reported else "（复核后否决）"
    return words


def worst_words(a: AssessmentFactor, names: Mapping[UUID, str]) -> str:
    station = names.get(a.unit_id, str(a.unit_id))
    factor = "无" if a.factor is None else str(a.factor)
    return f"{station}，核实系数 {factor}，{why(a)}"


def headline(factors: Factors, names: Mapping[UUID, str]) -> str:
    """E.g. "已复核 4 份中 1 份超出 0.9–1.1 区间；最差：某村，核实系数 0.9887，弄虚作假"."""
    county, worst = factors.county, factors.worst
    counted = f"已复核 {county.assessments} 份中 {county.outside} 份超出 {band_range(factors)} 区间"
    later = f"（另有 {len(factors.pending)} 份尚未复核）" if factors.pending else ""
    if worst is None:
        return f"尚无复核的评分表{later}"
    label = "最差" if worst.outside else "偏离最大"
    return f"{counted}{later}；{label}：{worst_words(worst, names)}"


def _plain(value: Decimal) -> str:
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def factors_json(factors: Factors, names: Mapping[UUID, str]) -> dict[str, Any]:
    """The factors as JSON, each sheet with its station's and town's names and why it is
    where it is, each town pool with its name, and the headline."""
    data = factors.to_json()
    for row, a in zip(data["assessments"], factors.assessments, strict=True):
        _name(row, a, names)
    if factors.worst is not None:
        _name(data["worst"], factors.worst, names)
    for row in data["towns"]:
        row["name"] = names.get(UUID(row["key"]), "") if row["key"] != "None" else ""
    data["headline"] = headline(factors, names)
    return data


def _name(row: dict[str, Any], a: AssessmentFactor, names: Mapping[UUID, str]) -> None:
    row["station"] = names.get(a.unit_id, "")
    row["town"] = "" if a.town_id is None else names.get(a.town_id, "")
    row["why"] = why(a)
