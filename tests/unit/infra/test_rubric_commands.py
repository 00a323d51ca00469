"""`kaohe rubric list|validate|show` as a user runs them."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from domain.errors import RubricDefinitionError
from infra.rubric_files import BUILTIN_DIR, parse_definition
from web.cli import main

FENGDU = BUILTIN_DIR / "fengdu-village-station.v1.yaml"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_list_names_the_four_built_in_rubrics_and_their_versions_as_json() -> None:
    code, out, _ = run("rubric", "list", "--format", "json")
    assert code == 0
    listed = json.loads(out)
    assert [(r["code"], r["version"]) for r in listed] == [
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
    assert listed[3] == {
        "code": "fengdu-village-station",
        "version": 1,
        "title": "服务对象100人以下村（社区）退役军人服务站规范建设运行验收评分表",
    }


def test_show_json_has_the_documented_fields() -> None:
    code, out, _ = run("rubric", "show", "fengdu-village-station", "--format", "json")
    assert code == 0
    shown = json.loads(out)
    assert (shown["base_max"], shown["pass_mark"], shown["bonus_cap"]) == ("100", "90", "10")
    first = shown["nodes"][0]
    assert (first["number"], first["title"], first["kind"], first["max_points"]) == (
        "（一）",
        "组织领导",
        "section",
        "5",
    )
    assert first["children"][0]["title"] == "村（社区）“两委”研究退役军人服务保障工作事项。"
    assert first["children"][0]["children"] == []


def test_show_text_prints_the_tree_of_a_file() -> None:
    code, out, _ = run("rubric", "show", str(FENGDU))
    assert code == 0
    assert "  61 <veto> 1、发生重大群体性事件的" in out


def test_show_an_unknown_code_lists_the_known_ones() -> None:
    code, _, err = run("rubric", "show", "nowhere")
    assert code == 1
    assert "no built-in rubric 'nowhere'; built-in: changzhi-county-centre" in err


def test_validate_accepts_a_good_file() -> None:
    code, out, _ = run("rubric", "validate", str(FENGDU))
    assert code == 0
    assert out.startswith(f"OK {FENGDU}: fengdu-village-station v1, 61 items")


def test_validate_refuses_a_wrong_file_naming_file_node_and_problem(tmp_path: Path) -> None:
    wrong = tmp_path / "wrong.yaml"
    text = FENGDU.read_text(encoding="utf-8")
    wrong.write_text(text.replace("max: 2\n", "max: two\n", 1), encoding="utf-8")
    code, _, err = run("rubric", "validate", str(wrong))
    assert code == 1
    expected = "node （一） › 2: 'max' must be a non-negative number such as 2 or 0.5, found 'two'"
    assert f"{wrong}: {expected}" in err
    assert "nothing was loaded" in err


def test_validate_refuses_broken_yaml_with_its_line(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: 1\nnodes: [\n", encoding="utf-8")
    code, _, err = run("rubric", "validate", str(broken))
    assert code == 1
    assert f"{broken}: line 3, column 1: not valid YAML" in err


def test_validate_refuses_a_missing_or_non_utf8_file(tmp_path: Path) -> None:
    gbk = tmp_path / "gbk.yaml"
    gbk.write_bytes("title: 评分表".encode("gbk"))
    assert "not UTF-8 text" in run("rubric", "validate", str(gbk))[2]
    assert "No such file or directory" in run("rubric", "validate", str(tmp_path / "none.yaml"))[2]


def test_validate_refuses_control_characters_escaped_in_yaml_naming_where(tmp_path: Path) -> None:
    text = FENGDU.read_text(encoding="utf-8")
    for escape, said in (
        ("\\0", "the control character U+0000"),
        ("\\ud800", "a lone surrogate U+D800"),
        ("\\e", "the control character U+001B"),
    ):
        wrong = tmp_path / "escaped.yaml"
        title = 'title: "服务站' + escape + '评分表"\n'
        wrong.write_text(text.replace("title: 服务对象", title + "x_title: 服务对象", 1), "utf-8")
        code, _, err = run("rubric", "validate", str(wrong))
        assert code == 1
        assert f"{wrong}: title: contains {said}" in err
        assert "without NUL, control characters or lone surrogates" in err


def test_rubric_texts_keep_their_line_breaks_but_keys_are_single_line() -> None:
    assert parse_definition('a: "x\\n\\ty"\n', "t.yaml") == {"a": "x\n\ty"}
    with pytest.raises(RubricDefinitionError, match=r"nodes\[1\]: a key contains"):
        parse_definition('nodes: [{a: 1}, {"b\\tc": 2}]\n', "t.yaml")
