"""The problems of a rubric definition in Chinese, for the administrator's page and the API's
`message_zh` (the English stays in the API's `message`): each check's wording, matched."""

from __future__ import annotations

import re
from collections.abc import Iterable

from domain.errors import Problem
from domain.input_text import allowed_text_zh

FOUND = r"found (?P<found>.+)"
PHRASES = (
    (r"^expected a mapping of keys to values, " + FOUND + "$", "应为键值对，实为{found}"),
    (r"^expected a list, " + FOUND + "$", "应为列表，实为{found}"),
    (r"^unknown key '(?P<a>[^']+)'; allowed: (?P<b>.+)$", "未知的键“{a}”；允许的键：{b}"),
    (r"^'(?P<a>[^']+)' is required$", "缺少必填项“{a}”"),
    (r"^'(?P<a>[^']+)' must be non-empty text, " + FOUND + "$", "“{a}”应为非空文字，实为{found}"),
    (
        r"^'(?P<a>[^']+)' must be a non-negative number such as 2 or 0\.5, " + FOUND + "$",
        "“{a}”应为不小于 0 的数，如 2 或 0.5，实为{found}",
    ),
    (
        r"^'(?P<a>[^']+)' must be a whole number of at least 1, " + FOUND + "$",
        "“{a}”应为不小于 1 的整数，实为{found}",
    ),
    (
        r"^'(?P<a>[^']+)' must be a date like 2024-12-31, " + FOUND + "$",
        "“{a}”应为日期，如 2024-12-31，实为{found}",
    ),
    (
        r"^rate must be an interval like .+, " + FOUND + "$",
        "完成率区间应写作如 “[50, 65]” 或 “(65, 90]”，实为{found}",
    ),
    (r"^a (?P<k>\w+) item needs 'max'$", "{k}类项目须填写分值“max”"),
    (r"^a veto item carries no points; remove 'max'$", "一票否决项不计分，请删去“max”"),
    (
        r"^max (?P<a>\S+) is not a whole number of steps of (?P<b>\S+)$",
        "分值 {a} 不是计分步长 {b} 的整数倍",
    ),
    (r"^unknown rule (?P<a>.+); allowed: (?P<b>.+)$", "未知的计分规则 {a}；允许：{b}"),
    (
        r"^rule '(?P<a>[^']+)' does not fit a (?P<k>\w+) item; allowed: (?P<b>.+)$",
        "计分规则“{a}”不适用于{k}类项目；允许：{b}",
    ),
    (r"^rule '(?P<a>[^']+)' needs '(?P<b>[^']+)'$", "计分规则“{a}”须填写“{b}”"),
    (
        r"^'(?P<a>[^']+)' does not apply to rule '(?P<b>[^']+)'; only to (?P<c>.+)$",
        "“{a}”不适用于计分规则“{b}”，只适用于 {c}",
    ),
    (
        r"^points (?P<a>\S+) are above the item's max (?P<b>\S+)$",
        "得分 {a} 超过本项分值 {b}",
    ),
    (r"^band (?P<a>.+) overlaps band (?P<b>.+)$", "区间 {a} 与区间 {b} 重叠"),
    (r"^deduction id '(?P<a>[^']+)' is used twice in this item$", "本项中扣分编号“{a}”重复"),
    (
        r"^'all_at' needs a 'cap' or an item 'max' to know what the whole is$",
        "“all_at”须配合“cap”或本项分值“max”使用，才能确定扣完的分数",
    ),
    (
        r"^a deduction has either 'range' or 'per' \(with 'cap', 'all_at'\)$",
        "扣分规则应填写“range”或“per”（可配“cap”“all_at”）二者之一",
    ),
    (r"^'range' must be \[low, high\], e\.g\. \[1, 5\]$", "“range”应写作 [下限, 上限]，如 [1, 5]"),
    (r"^range low (?P<a>\S+) is above high (?P<b>\S+)$", "区间下限 {a} 高于上限 {b}"),
    (r"^'(?P<a>per|step)' must be above 0$", "“{a}”须大于 0"),
    (
        r"^tier '(?P<a>[^']+)' \((?P<p>[^)]+)\) is above the item's max (?P<b>\S+)$",
        "等级“{a}”（{p} 分）超过本项分值 {b}",
    ),
    (r"^condition id '(?P<a>[^']+)' is used twice$", "条件编号“{a}”重复"),
    (r"^'op' must be one of (?P<a>.+), " + FOUND + "$", "“op”应为 {a} 之一，实为{found}"),
    (
        r"^pass_mark (?P<a>\S+) is above base_max (?P<b>\S+)$",
        "达标分 pass_mark {a} 高于基本分满分 base_max {b}",
    ),
    (
        r"^item number '(?P<a>[^']+)' is used (?P<n>\d+) times; .+$",
        "项目编号“{a}”用了 {n} 次；评分表内项目编号不能重复",
    ),
    (
        r"^section number '(?P<a>[^']+)' is used (?P<n>\d+) times among siblings$",
        "同级中章节编号“{a}”用了 {n} 次",
    ),
    (
        r"^children add up to (?P<a>\S+), but the section's max is (?P<b>\S+)$",
        "下级分值合计 {a}，而本章节分值为 {b}",
    ),
    (
        r"^standard items add up to (?P<a>\S+), but base_max is (?P<b>\S+)$",
        "标准项分值合计 {a}，而基本分满分 base_max 为 {b}",
    ),
    (
        r"^top-level sections add up to (?P<a>\S+), but base_max is (?P<b>\S+)$",
        "一级章节分值合计 {a}，而基本分满分 base_max 为 {b}",
    ),
    (
        r"^'code' must be lower-case letters, digits and hyphens, " + FOUND + "$",
        "“code”只能由小写字母、数字和连字符组成，实为{found}",
    ),
    (r"^no top-level section numbered '(?P<a>[^']+)'$", "没有编号为“{a}”的一级章节"),
    (r"^unknown source '(?P<a>[^']+)'; allowed: (?P<b>.+)$", "未知的数据来源“{a}”；允许：{b}"),
    (r"^'nodes' must list at least one section or item$", "“nodes”须至少列出一个章节或项目"),
    (r"^a section needs at least one child in 'children'$", "章节的“children”须至少有一项"),
    (
        r"^'people' must be a list of names, " + FOUND + "$",
        "“people”应为姓名列表，实为{found}",
    ),
    (r"^unknown quarter '(?P<a>[^']+)'; allowed: Q1\.\.Q4$", "未知的季度“{a}”；允许 Q1 至 Q4"),
    (
        r"^(?P<q>Q\d) target (?P<a>\S+) is above 100 \(percent\)$",
        "{q} 的目标 {a} 超过 100（百分比）",
    ),
    (r"^'format' must be (?P<a>.+), " + FOUND + "$", "“format”应为 {a}，实为{found}"),
    (
        r"^'(?P<a>[^']+)' needs format 2; format 1 files cannot declare it$",
        "“{a}”须 format 2；format 1 的文件不能声明它",
    ),
    (r"^'same_matter_bonus' must be one of .+$", "“same_matter_bonus”应为 highest 或 each"),
    (r"^no item numbered '(?P<a>[^']+)'$", "没有编号为“{a}”的项目"),
    (
        r"^item (?P<a>\S+) has no deduction line '(?P<b>[^']+)'; its lines: (?P<c>.+)$",
        "第 {a} 项没有扣分编号“{b}”；其扣分编号有：{c}",
    ),
    (
        r"^must be '(?P<a>[^']+)' \(the scored unit's own staff\), " + FOUND + "$",
        "应为“{a}”（被考核单位自己），实为{found}",
    ),
    (
        r"^'(?P<a>[^']+)' is below the review level '(?P<b>[^']+)'; .+$",
        "复核层级“{a}”低于验收层级“{b}”；复核须在验收层级或以上",
    ),
    (
        r"^is required: name the level that does the (?P<a>\w+)$",
        "缺少必填项：请写明由哪一级做 {a}",
    ),
    (
        r"^must be one of (?P<a>.+) \(the scored (?P<k>\w+) unit's level or one above it\), "
        + FOUND
        + "$",
        "应为 {a} 之一（被考核单位的层级或更高），实为{found}",
    ),
    (
        r"^must be one of (?P<a>.+) \(a layer the workflow gives to someone\), " + FOUND + "$",
        "应为 {a} 之一（流程中有人负责的评分层），实为{found}",
    ),
    (
        r"^'(?P<a>[^']+)' is required: a (?P<k>\w+) rubric gives (?P<b>.+)$",
        "缺少必填项“{a}”：按{k}考核的评分表须给出 {b}",
    ),
    (
        r"^dates must not go back: opens ≤ submission ≤ review ≤ hand_up$",
        "日期不能倒退：须 opens ≤ submission ≤ review ≤ hand_up",
    ),
    (
        r"^'(?P<a>[^']+)' is required, as month-day like 04-30$",
        "缺少必填项“{a}”，应写作月-日，如 04-30",
    ),
    (
        r"^'(?P<a>[^']+)' must be a month-day like 04-30 \(every year\), or \+01-15 in the "
        r"following year, " + FOUND + "$",
        "“{a}”应为月-日（每年），如 04-30；次年的日期前加 +，如 +01-15，实为{found}",
    ),
    (
        r"^not valid YAML: .+$",
        "不是有效的 YAML：此处无法读取（常见原因：括号或引号未闭合、缩进不齐、冒号后缺空格）",
    ),
    (r"^not UTF-8 text; save the rubric as UTF-8$", "不是 UTF-8 文本；请将评分表另存为 UTF-8"),
    (r"^a key contains (?P<a>.+?); .+$", "键名含有不允许的字符（{a}）；" + allowed_text_zh(False)),
    (r"^contains (?P<a>.+?); .+$", "含有不允许的字符（{a}）；" + allowed_text_zh(True)),
    (
        r"^'(?P<a>[^']+)' must be one of (?P<b>.+), " + FOUND + "$",
        "“{a}”应为 {b} 之一，实为{found}",
    ),
)
PATTERNS = tuple((re.compile(english), chinese) for english, chinese in PHRASES)
FOUND_WORDS = {"nothing": "空", "a mapping": "键值对", "a list": "列表"}
KIND_WORDS = {
    "standard": "标准",
    "special": "特别考核",
    "bonus": "加分",
    "deduction": "减分",
    "veto": "一票否决",
    "progress": "任务进度",
    "quarter": "季度",
    "year": "年度",
}
"""The kinds of item and of period a problem names."""


def found_words(described: str) -> str:
    """What the definition held, as `describe` says it, in Chinese."""
    if described in FOUND_WORDS:
        return FOUND_WORDS[described]
    if quoted := re.fullmatch(r"'(.*)'", described):
        return f"“{quoted.group(1)}”"
    return re.sub(r"^\w+ ", "", described)


def rubric_problem_zh(message: str) -> str:
    """A rubric definition's problem in Chinese; one without its wording here is given
    as it is, marked as the checker's own words."""
    for pattern, chinese in PATTERNS:
        if match := pattern.match(message):
            words = match.groupdict()
            if words.get("found") is not None:
                words["found"] = found_words(words["found"])
            if words.get("k") is not None:
                words["k"] = KIND_WORDS.get(words["k"], words["k"])
            words = {key: (value or "").replace(" or ", " 或 ") for key, value in words.items()}
            return chinese.format(**words)
    return f"评分表定义有误：{message}"


PLACES = (
    (re.compile(r"^rubric$"), "评分表顶层"),
    (re.compile(r"^file$"), "文件"),
    (re.compile(r"^line (\d+), column (\d+)$"), r"第 \1 行第 \2 列"),
    (re.compile(r"^node "), "节点 "),
    (re.compile(r"^section "), "章节 "),
    (re.compile(r" › band (\d+)"), r" › 第 \1 档"),
    (re.compile(r" › column (\d+)"), r" › 第 \1 列"),
)
"""Where a problem is, in the words of the page (the file's own keys stay as written)."""


def place_zh(where: str) -> str:
    for pattern, words in PLACES:
        where = pattern.sub(words, where)
    return where


def problems_zh(problems: Iterable[Problem]) -> tuple[Problem, ...]:
    """The problems as a page lists them: where each is, and what is wrong, in Chinese."""
    return tuple(Problem(place_zh(p.where), rubric_problem_zh(p.message)) for p in problems)
