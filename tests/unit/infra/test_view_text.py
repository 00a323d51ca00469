"""How the views store text: NUL shown as ␀, everything else exactly as it came."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from infra.projections.text import NUL_SIGN, shown, shown_all


@given(st.text())
def test_a_shown_text_holds_no_nul_and_keeps_every_other_character(text: str) -> None:
    result = shown(text)
    assert "\x00" not in result
    assert result == "".join(NUL_SIGN if c == "\x00" else c for c in text)
    assert len(result) == len(text)
    assert shown(result) == result


def test_a_row_changes_only_its_texts_with_nul() -> None:
    row = (1, None, "a\x00b", "平常", b"\x00")
    assert shown_all(row) == (1, None, "a␀b", "平常", b"\x00")
