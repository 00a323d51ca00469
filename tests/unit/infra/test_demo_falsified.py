"""The demo's falsification takes the consequence its sheet's rubric declares."""

from decimal import Decimal

from application.consequences import Deduct, Veto
from infra.demo.falsified import UNDECLARED, falsification_consequence
from infra.rubric_files import find_builtin_rubric


def test_the_demo_names_the_declared_consequence_or_the_veto_v1_offers() -> None:
    found = {
        (code, version): find_builtin_rubric(code, version)
        for code, version in (
            ("changzhi-county-centre", 2),
            ("fengdu-village-station", 2),
            ("fengdu-village-station", 1),
        )
    }
    consequences = {key: falsification_consequence(r) for key, r in found.items() if r}
    assert consequences == {
        ("changzhi-county-centre", 2): Deduct("65", "falsification", amount=Decimal(1)),
        ("fengdu-village-station", 2): Veto("61", "4"),
        ("fengdu-village-station", 1): UNDECLARED,
    }
