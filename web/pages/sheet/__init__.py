"""The scoring sheet, laid out like the paper 评分表: each layer side by side, the role's own
layer editable, subtotals as one types, deductions, bonus, veto, evidence and submitting."""

from __future__ import annotations

from web.pages.sheet import (  # noqa: F401  (their routes)
    bulk_file,
    file_upload,
    parts,
    routes,
    submitting,
    team,
    text_refusals,
)
from web.pages.sheet.blueprint import bp

__all__ = ["bp"]
