"""What the edges accept: numbers only as plain ASCII decimals, text without control
characters (line breaks only where text spans lines)."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import DecimalTextError
from domain.input_text import parse_decimal, text_problem

ASCII_DECIMAL = st.from_regex(r"-?[0-9]{1,12}(\.[0-9]{1,8})?", fullmatch=True)


@given(ASCII_DECIMAL)
def test_a_plain_ascii_decimal_reads_as_python_reads_it_unless_it_is_negative_zero(
    text: str,
) -> None:
    if Decimal(text) == 0 and text.startswith("-"):
        with pytest.raises(DecimalTextError, match="negative zero"):
            parse_decimal(text)
    else:
        assert parse_decimal(text) == Decimal(text)


@given(st.text(max_size=30))
def test_no_other_text_is_read_as_a_number(text: str) -> None:
    try:
        parse_decimal(text)
    except DecimalTextError:
        return
    assert re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", text, re.ASCII)


@pytest.mark.parametrize("text", ["1_0", "１", "٣", "1e3", "Infinity", "NaN", "+1", ".5", "1."])
def test_numbers_python_would_read_are_refused(text: str) -> None:
    with pytest.raises(DecimalTextError, match=r"ASCII decimal like 1\.5"):
        parse_decimal(text)


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cc",))))
def test_printable_text_passes_on_one_line_or_many(text: str) -> None:
    assert text_problem(text) is None and text_problem(text, multiline=True) is None


@pytest.mark.parametrize(
    ("text", "multiline", "said"),
    [
        ("a\x00", True, "U+0000 at character 2"),
        ("\ud800", True, "lone surrogate U+D800"),
        ("a\x85", True, "U+0085"),
        ("a\x7f", True, "U+007F"),
        ("a\tb", False, "U+0009"),
        ("a\nb", False, "U+000A"),
    ],
)
def test_control_characters_and_lone_surrogates_are_named_with_their_place(
    text: str, multiline: bool, said: str
) -> None:
    assert said in (text_problem(text, multiline) or "")


def test_tabs_and_line_breaks_belong_to_text_of_many_lines() -> None:
    assert text_problem("第一行\r\n\t第二行", multiline=True) is None
