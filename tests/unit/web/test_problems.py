"""Field errors are flattened to dotted paths and told in English and Chinese."""

from __future__ import annotations

from web.problems import field_errors, in_chinese


def test_nested_messages_become_one_list_with_both_languages() -> None:
    messages = {
        "json": {
            "entries": {"58": {"points": ["Not a valid number."]}},
            "reason": ["Longer than maximum length 2000."],
        }
    }
    assert field_errors(messages) == [
        {
            "location": "json",
            "field": "entries.58.points",
            "message": "Not a valid number.",
            "message_zh": "不是有效的数字。",
        },
        {
            "location": "json",
            "field": "reason",
            "message": "Longer than maximum length 2000.",
            "message_zh": "长度不能超过 2000。",
        },
    ]


def test_choices_keep_their_values_and_unknown_messages_are_still_explained() -> None:
    assert in_chinese("Must be one of: json, csv, xlsx.") == "必须是以下之一：json, csv, xlsx。"
    assert in_chinese("Something new.") == "输入无效：Something new."
