"""The four seed rubrics load, and every section adds up as the printed tables say.

The expected points below are typed from the source documents, not from the rubric files."""

from decimal import Decimal

import pytest

from domain.entries import ItemEntry
from domain.rubric import Rubric, Section, SummaryColumn
from domain.rubric_json import content_hash
from domain.rules import Kind, SameMatter
from domain.scoring import Result, score
from infra.rubric_files import builtin_rubrics, find_builtin_rubric


def rubric(code: str) -> Rubric:
    found = find_builtin_rubric(code)
    assert found is not None, code
    return found


def pts(points: str) -> list[str]:
    return points.split()


def maxima(section: Section) -> list[Decimal | None]:
    return [item.max_points for item in section.items()]


def assert_sections(r: Rubric, expected: dict[str, list[str]]) -> None:
    for number, points in expected.items():
        section = r.top_section(number)
        assert section is not None, number
        assert maxima(section) == [Decimal(p) for p in points], number
        assert section.max_points == sum(Decimal(p) for p in points), number
    assert sum(i.max_points or 0 for i in r.items() if i.kind is Kind.STANDARD) == r.base_max


def test_the_four_seed_rubrics_are_built_in() -> None:
    assert [(r.code, r.version) for r in builtin_rubrics()] == [
        ("changzhi-county-centre", 1),
        ("changzhi-county-centre", 2),
        ("changzhi-county-centre", 3),
        ("fengdu-village-station", 1),
        ("fengdu-village-station", 2),
        ("wushen-banner-tasks", 1),
        ("wushen-banner-tasks", 2),
        ("zaozhuang-city-centre", 1),
        ("zaozhuang-city-centre", 2),
    ]


PUBLISHED = {
    "changzhi-county-centre": "faf032c796321f7da028191ebb8b0a09ae65bee370e0c56ef294c55b0116cc9f",
    "fengdu-village-station": "06a88d94e8337dc2475b65f89cf54fe21523afef032e55e2e8b81a088d414430",
    "wushen-banner-tasks": "914af8963bc93096a627c16f76ebb199bf6f6ce2867c4973076584aaabcc0fea",
    "zaozhuang-city-centre": "70cd7599d6e6cac8fa459058e41025f5dc991ca1ccbede60c1aeebf1b37023d8",
}


@pytest.mark.parametrize("code", PUBLISHED)
def test_a_published_first_version_keeps_its_content(code: str) -> None:
    """A database that published version 1 loads the demo again only if the file still
    says the same; changes go into a new version."""
    first = find_builtin_rubric(code, 1)
    assert first is not None
    assert content_hash(first) == PUBLISHED[code]


def test_changzhi_county_centre_sections_match_the_seed() -> None:
    r = rubric("changzhi-county-centre")
    assert_sections(
        r,
        {
            "一": pts("2 2 2 4 4 2 2 2 2 1 2 3 3"),
            "二": pts("1 2 4 4 4 1 4 2 1"),
            "三": pts("1 1 1 1"),
            "四": pts("2 2 1 1 1 1 1 1 2 1"),
            "五": pts("1 1 2 1 1 1 1 1 1 1 3 1 1 1 1 2 1 1 1 2 1 1 1 1"),
        },
    )
    assert [s.max_points for s in r.nodes if isinstance(s, Section)][:5] == [
        Decimal(n) for n in ("31", "23", "4", "13", "29")
    ]
    assert [i.max_points for i in r.items() if i.kind is Kind.SPECIAL] == [
        Decimal(n) for n in ("10", "3", "4", "3")
    ]
    assert [i.number for i in r.items() if i.kind is Kind.DEDUCTION] == pts("65 70")
    assert r.pass_mark is None and r.summary is not None
    assert [c.label for c in r.summary.columns][-4:] == [
        "加分减分",
        "特别考核项",
        "总分",
        "考核结果",
    ]


def test_changzhi_version_2_changes_only_its_two_undeclared_rules() -> None:
    first, second = (
        find_builtin_rubric("changzhi-county-centre", 1),
        find_builtin_rubric("changzhi-county-centre", 2),
    )
    assert first is not None and first.summary is not None and second.summary is not None
    assert (first.same_matter_bonus, second.same_matter_bonus) == (
        SameMatter.HIGHEST,
        SameMatter.EACH,
    )
    assert first.nodes == second.nodes
    assert [c for c in second.summary.columns if c not in first.summary.columns] == [
        SummaryColumn("特别考核项", "special")
    ]


@pytest.mark.parametrize("code", ["changzhi-county-centre", "fengdu-village-station"])
def test_the_dated_versions_add_their_windows_and_keep_every_item(code: str) -> None:
    dated = rubric(code)
    before = find_builtin_rubric(code, dated.version - 1)
    assert before is not None and before.deadlines is None and dated.deadlines
    assert dated.nodes == before.nodes
    assert (dated.pass_mark, dated.compliance_targets) == (
        before.pass_mark,
        before.compliance_targets,
    )


def test_changzhi_item_70_keeps_the_typo_and_deducts_two_points_a_person() -> None:
    item = rubric("changzhi-county-centre").item("70")
    assert item is not None and "每有1人扣2人" in item.standard
    assert [(d.per, d.cap) for d in item.deductions] == [
        (Decimal(3), Decimal(10)),
        (Decimal(2), Decimal(10)),
    ]


def test_fengdu_village_station_sections_match_the_seed() -> None:
    r = rubric("fengdu-village-station")
    assert_sections(
        r,
        {
            "（一）": pts("1 2 2"),
            "（二）": pts("1 1 3 3 1 3 1 1 2 2 1 1 2 3"),
            "（三）": pts("1 1 2 1 1 3 1 3 1"),
            "（四）": pts("3 1 1 1 1"),
            "（五）": pts("3 2 2 2 2 3 3 3 2"),
            "（六）": pts("2 1 2 3 1 1"),
            "（七）": pts("1 3 1"),
            "（八）": pts("2 2 1"),
            "（九）": pts("2 2"),
            "（十）": pts("1"),
            "（十一）": pts("1 1"),
        },
    )
    assert (r.pass_mark, r.bonus_cap) == (Decimal(90), Decimal(10))
    assert [(q, str(v)) for q, v in r.compliance_targets] == [
        ("Q1", "25"),
        ("Q2", "50"),
        ("Q3", "75"),
        ("Q4", "100"),
    ]
    assert [i.max_points for i in r.items() if i.kind is Kind.BONUS] == [
        Decimal(n) for n in ("4", "4", "2")
    ]
    veto = r.item("61")
    assert veto is not None and [c.id for c in veto.conditions] == pts("1 2 3 4")


def test_wushen_banner_tasks_match_the_seed() -> None:
    r = rubric("wushen-banner-tasks")
    assert_sections(
        r,
        {
            "一": pts("3 1 0.5 0.5 2 1 1 1"),
            "二": pts("2 2 6"),
            "三": pts("1 1 1 1 2 2 4 3"),
            "四": pts("3 1 2 2 2 2 1 2"),
            "五": pts("3 3 3 2 2 2"),
            "六": pts("2 1 1 1 1 2 1 1 2 1 1 1"),
            "七": pts("3 3 2 2 2 2 3 3"),
        },
    )
    tasks = [s.max_points for s in r.nodes if isinstance(s, Section)]
    assert tasks == [Decimal(n) for n in ("10", "10", "15", "15", "15", "15", "20")]


def test_wushen_assignments_carry_deadline_lead_office_and_people() -> None:
    item = rubric("wushen-banner-tasks").item("1.1.1")
    assert item is not None
    assert item.assignment.lead == "边海军"
    assert item.assignment.office == "办公室"
    assert item.assignment.people == ("李伟春", "刘甜")
    assert (item.assignment.deadline, str(item.assignment.due)) == ("2024年12月底", "2024-12-31")


@pytest.mark.parametrize(
    ("rate", "points"),
    [("49.9", "0"), ("50", "1"), ("65", "1"), ("65.5", "1.5"), ("90", "1.5"), ("91", "2")],
)
def test_wushen_annual_check_scores_by_completion_band(rate: str, points: str) -> None:
    card = score(rubric("wushen-banner-tasks"), {"6.2.4": ItemEntry(rate=Decimal(rate))})
    assert card.item("6.2.4").points == Decimal(points)
    assert card.result is Result.UNRATED


def test_zaozhuang_indicator_tree_has_targets_and_no_item_points() -> None:
    r = rubric("zaozhuang-city-centre")
    (top,) = r.nodes
    assert isinstance(top, Section) and top.max_points == Decimal(400)
    assert [(s.number, s.max_points) for s in top.children if isinstance(s, Section)] == [
        ("1", Decimal(350)),
        ("2", Decimal(50)),
    ]
    items = list(r.items())
    assert len(items) == 11 and all(i.kind is Kind.PROGRESS and i.target for i in items)
    target = r.item("1.5")
    assert target is not None and str(target.numeric_target) == ">= 80%"
