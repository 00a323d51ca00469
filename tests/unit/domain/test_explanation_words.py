"""A score's explanation names tiers and deduction lines as the form does, not by the ids
the rubric files keep (ministerial, beijing)."""

from __future__ import annotations

from domain.entries import Claim, ItemEntry
from domain.scoring import score
from infra.rubric_files import find_builtin_rubric


def test_a_bonus_explanation_names_its_tiers_in_chinese() -> None:
    fengdu = find_builtin_rubric("fengdu-village-station")
    claims = (Claim("老兵之家", "ministerial"), Claim("老兵之家", "bureau"))
    explanation = " ".join(score(fengdu, {"58": ItemEntry(claims=claims)}).item("58").explanation)
    assert "省部级" in explanation and "厅局级" in explanation
    assert "ministerial" not in explanation and "bureau" not in explanation


def test_a_deduction_explanation_names_its_line_by_its_words() -> None:
    changzhi = find_builtin_rubric("changzhi-county-centre")
    card = score(changzhi, {"65": ItemEntry(counts={"beijing": 4})})
    explanation = " ".join(card.item("65").explanation)
    assert "「发生越级进京上访的」4 次" in explanation and "beijing" not in explanation
