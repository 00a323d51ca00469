"""The ledger (整改台账): items by status, filtered by town and period, and its CSV."""

from __future__ import annotations

import csv
import io

from flask import render_template, request
from werkzeug.wrappers import Response

from application.queries.rectifications import LedgerFilter, RectificationLine
from domain.workflow import period_problem
from projections.tables.periods import period_label
from web.context import queries
from web.downloads import attachment
from web.errors import PageInputError
from web.pages.base import page_caller
from web.pages.rectifications.blueprint import SOURCE_WORDS, STATUS_WORDS, bp

BOM = "\ufeff"
COLUMNS = (
    "单位",
    "所属镇（街道）",
    "期间",
    "来源",
    "整改问题",
    "责任人",
    "整改时限",
    "状态",
    "是否逾期",
)


@bp.get("/rectifications", endpoint="ledger")
def ledger() -> str | Response:
    """The items of the caller's units, grouped by status; `format=csv` downloads them."""
    where = ledger_filter()
    lines = queries().rectifications.lines(page_caller(), where)
    if request.args.get("format") == "csv":
        return csv_file(lines)
    every = queries().rectifications.lines(page_caller())
    towns = sorted({(x.town, x.town_name) for x in every if x.town})
    periods = sorted({x.period for x in every}, reverse=True)
    return render_template(
        "rectifications/ledger.html",
        groups=[
            (s, words, [x for x in lines if x.status == s]) for s, words in STATUS_WORDS.items()
        ],
        overdue=[x for x in lines if x.overdue],
        where=where,
        towns=towns,
        periods=periods,
        statuses=STATUS_WORDS,
        sources=SOURCE_WORDS,
    )


def ledger_filter() -> LedgerFilter:
    args = {k: request.args.get(k, "").strip() for k in ("town", "period", "status")}
    period = args["period"].upper()
    if period and period_problem(period):
        raise PageInputError(f"期间“{period[:20]}”有误，应写作如 2023Q2 或 2023。")
    if args["status"] and args["status"] not in STATUS_WORDS:
        raise PageInputError("状态只能是待整改、待复查或已销号。")
    return LedgerFilter(
        town=args["town"] or None,
        period=period or None,
        status=args["status"] or None,
        overdue=request.args.get("overdue") == "1",
    )


def csv_file(lines: list[RectificationLine]) -> Response:
    text = io.StringIO()
    text.write(BOM)
    writer = csv.writer(text)
    writer.writerow(COLUMNS)
    for x in lines:
        writer.writerow(
            [
                *(x.unit_name, x.town_name, period_label(x.period), SOURCE_WORDS[x.source_kind]),
                *(x.problem, x.owner, x.deadline.isoformat(), STATUS_WORDS[x.status]),
                "逾期" if x.overdue else "",
            ]
        )
    return attachment(text.getvalue().encode("utf-8"), "text/csv", "整改台账.csv")
