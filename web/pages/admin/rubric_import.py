"""A scoring table uploaded as a spreadsheet (.xlsx) on the publish page: the proposed rubric
file and what is left to settle, in Chinese. Nothing is published from a spreadsheet: the
administrator settles the list, then uploads the rubric file itself to preview and publish."""

from __future__ import annotations

import base64
from collections.abc import Callable
from pathlib import PurePath

from flask import render_template

from domain.errors import Problem
from infra.rubric_import.problems import SpreadsheetRefusedError
from infra.rubric_import.proposal import propose_from_file
from web.pages.admin.forms import FormState
from web.rubric_words import problems_zh

XLSX_MAGIC = b"PK\x03\x04"
RefusedPage = Callable[[FormState, tuple[Problem, ...]], str]


def is_spreadsheet(name: str, data: bytes) -> bool:
    return PurePath(name).suffix.lower() == ".xlsx" or data.startswith(XLSX_MAGIC)


def proposal_page(data: bytes, name: str, refused_page: RefusedPage) -> tuple[str, int]:
    """The proposal for an uploaded table; a table that cannot be read is refused beside the
    file field, each cell named (`refused_page(state, problems)` shows that page)."""
    try:
        proposal = propose_from_file(data, name)
    except SpreadsheetRefusedError as error:
        state = FormState()
        count = len(error.problems)
        state.refuse("rubric-file", f"表格 {name} 中有 {count} 处无法读取，未生成草案：")
        problems = tuple(Problem(p.where, p.message_zh) for p in error.problems)
        return refused_page(state, problems), 422
    stem = PurePath(name).stem or "评分表"
    return render_template(
        "admin/rubric_import.html",
        filename=name,
        proposal=proposal,
        problems=problems_zh(proposal.problems),
        yaml_name=f"{stem}.yaml",
        yaml_data=base64.b64encode(proposal.text.encode("utf-8")).decode("ascii"),
    ), 200
