"""What a field of the sheet page is called where an error summary names it (its id is how
the page names it: `points-3`, `bonus-58-matter`, `ded-65-a-count` …)."""

from __future__ import annotations

import re

PARTS = {
    "points": "得分",
    "rate": "完成率",
    "count": "发生次数",
    "amount": "视情扣分",
    "matter": "加分事项",
    "tier": "档次",
    "reason": "理由",
}

ITEM_FIELD = re.compile(r"(?P<kind>points|rate)-(?P<item>.+)")
PART_FIELD = re.compile(r"(?P<form>ded|bonus|withdraw|veto)-(?P<item>[^-]+)-(?:.+-)?(?P<part>\w+)")
OWN = {
    "reason": "理由（备注）",
    "evidence-file": "佐证材料文件",
    "evidence-item": "佐证材料对应项目",
}


def field_name(fid: str) -> str:
    """A field's name as a person reads it, e.g. 第 3 项得分 (empty: not known)."""
    if fid in OWN:
        return OWN[fid]
    if found := ITEM_FIELD.fullmatch(fid):
        return f"第 {found['item']} 项{PARTS[found['kind']]}"
    if found := PART_FIELD.fullmatch(fid):
        return f"第 {found['item']} 项{PARTS.get(found['part'], '')}"
    return ""
