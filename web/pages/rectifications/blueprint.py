"""The rectification pages' blueprint, and the words they name things with."""

from __future__ import annotations

from web.pages.base import page_blueprint

bp = page_blueprint("rectifications", __name__)

STATUS_WORDS: dict[str, str] = {
    "open": "待整改",
    "reported": "待复查",
    "closed": "已销号",
}

STEP_WORDS: dict[str, str] = {
    "Opened": "立整改",
    "Reported": "报送整改情况",
    "Closed": "复查销号",
    "Reopened": "退回重新整改",
}

SOURCE_WORDS: dict[str, str] = {
    "finding": "抽查复核发现",
    "signal": "风险提示",
}
