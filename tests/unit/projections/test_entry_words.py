"""An entry in words, as the audit trail and the history pages read it."""

from infra.rubric_files import find_builtin_rubric
from projections.entry_words import entry_words


def test_a_veto_raised_under_a_name_says_the_name_before_the_conditions_words() -> None:
    fengdu = find_builtin_rubric("fengdu-village-station", 2)
    assert fengdu is not None
    item = fengdu.item("61")
    named = {"raised": ["4"], "named": {"4": "弄虚作假"}}
    assert entry_words(named, item) == "一票否决：弄虚作假（其他规定取消考核资格的）"
    assert entry_words({"raised": ["4"]}, item) == "一票否决：其他规定取消考核资格的"


def test_points_and_a_completion_rate_read_each_the_one_way() -> None:
    assert entry_words({"points": "1.50"}) == "1.5 分"
    assert entry_words({"rate": "85"}) == "完成率 85.0%"
