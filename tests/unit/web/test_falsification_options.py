"""The finding form offers a falsification's consequence as the sheet's rubric declares it."""

from __future__ import annotations

from decimal import Decimal

from application.consequences import Deduct, Veto
from infra.rubric_files import find_builtin_rubric
from web.pages.spot_checks.consequences import chosen_consequence, consequence_options


def test_changzhi_v2_offers_only_item_65s_falsification_line_under_its_name() -> None:
    changzhi = find_builtin_rubric("changzhi-county-centre", 2)
    assert changzhi is not None
    [option] = consequence_options(changzhi)
    assert (
        option.label
        == "弄虚作假（本评分表规定）：第 65 项扣分：在考评工作中弄虚作假的，视情扣1-5分"
    )
    assert chosen_consequence(changzhi, option.value, "3") == (
        Deduct("65", "falsification", amount=Decimal(3)),
        None,
    )


def test_a_rubric_that_declares_none_offers_every_veto_condition_and_deduction_line() -> None:
    changzhi, fengdu = (
        find_builtin_rubric(c, 1) for c in ("changzhi-county-centre", "fengdu-village-station")
    )
    assert changzhi is not None and fengdu is not None
    assert len(consequence_options(changzhi)) == 11  # item 65's nine lines and item 70's two
    assert [o.value for o in consequence_options(fengdu)] == [f"veto:61:{n}" for n in "1234"]


def test_fengdu_v2_offers_only_disqualification_named_as_falsification() -> None:
    fengdu = find_builtin_rubric("fengdu-village-station", 2)
    assert fengdu is not None
    [option] = consequence_options(fengdu)
    assert option.label == "一票否决（弄虚作假，本评分表规定）：第 61 项 其他规定取消考核资格的"
    assert (option.value, option.takes) == ("veto:61:4", None)
    assert chosen_consequence(fengdu, option.value, "") == (Veto("61", "4"), None)
