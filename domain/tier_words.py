"""The rubrics' tier and deduction-line ids as the forms say them (省部级, 发生越级进京上访的):
the files keep short ids, people read these."""

from __future__ import annotations

TIER_WORDS: dict[str, str] = {
    "central": "中央级",
    "national": "国家级",
    "ministerial": "省部级",
    "provincial": "省级",
    "provincial_department": "省厅级",
    "bureau": "厅局级",
    "prefectural": "地市级",
    "city": "市级",
    "met": "达到要求",
}
"""Each tier id the built-in rubrics use (their `decisions` say what each stands for)."""


LINE_WORDS: dict[str, str] = {
    "beijing": "发生越级进京上访的",
    "beijing_group": "发生5人以上越级进京集访的",
    "province": "发生越级赴省上访的",
    "province_group": "发生5人以上越级赴省上访的",
    "city_petition": "发生到市缠访闹访的",
    "city_group": "发生到市集体上访的",
    "reprimand": "受到省级以上通报批评的",
    "public_opinion": "发生重大舆情负面炒作的",
    "falsification": "在考评工作中弄虚作假的",
    "head_missing": "站长未配备到位的",
    "not_on_duty": "站长不在岗履职的",
    "late_payment": "未按时发放的",
    "below_national": "低于国家和自治区标准发放的",
    "below_city": "低于市级标准发放的",
    "missed_event": "缺一次活动",
    "no_publicity": "未举办宣传活动的",
    "not_done": "未按要求落实的",
    "not_granted": "未享受优待的",
    "unqualified_case": "评价结果为不合格的",
}
"""The built-in rubrics' deduction lines, for pages that show an entry without its item at
hand (a unit's or an account's history)."""


def tier_words(tier: str) -> str:
    """A tier as the form names it; an unknown id from an uploaded rubric is shown as given."""
    return TIER_WORDS.get(tier, tier)


def line_words(text: str, fallback: str) -> str:
    """A deduction line by the words its rule begins with (发生越级进京上访的), not its id."""
    head = text.split("，", 1)[0].strip()
    return head or LINE_WORDS.get(fallback, fallback)
