"""The tables bureaus hand up: a list of them, each one filtered by unit, period and as-of
moment, shown as on paper (with a print view), and downloaded as XLSX or CSV."""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Response, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as WerkzeugResponse

from application.authorization import Action
from application.errors import NotFoundError
from domain.ids import unit_id
from infra.errors import TableRequestError
from projections.tables import Table
from web.context import queries
from web.pages.base import me, page_blueprint, page_caller
from web.pages.reports.audit_page import audit_page
from web.pages.reports.catalogue import BY_NAME, PAGES, TablePage
from web.pages.reports.charts import charts
from web.pages.reports.offer import hand_up_offer
from web.pages.reports.query import ReportQuery
from web.pages.reports.units import unit_options
from web.pages.reports.views import table_view
from web.resources.tables.routes import stamped_tables, table_file

bp = page_blueprint("reports", __name__)


@bp.get("/tables")
def index() -> str:
    """The tables the account may read, each with what it tells."""
    who = me()
    return render_template("reports/index.html", pages=[p for p in PAGES if who.may(p.action)])


@bp.get("/tables/<name>")
def show(name: str) -> str:
    """One table as the filter asks for it; `print=1` shows it for paper, without navigation."""
    page = table_page(name)
    query = ReportQuery.from_args(request.args, page)
    if name == "audit":
        return audit_page(page, query)
    tables: list[Table] = []
    stamp = None
    problem = None
    if query.ready and not query.errors:
        authorize(page, query)
        try:
            tables, stamp = stamped_tables(name, query.api_query())
        except TableRequestError as error:
            if query.as_of is None:
                problem = f"无法生成此表（{error}）。"
            else:
                why = f"截至该时间无法生成此表：所选单位可能尚未设立（{error}）。"
                query = query.refused("as_of_date", why)
    views = [table_view(number, table) for number, table in enumerate(tables, start=1)]
    printing = request.args.get("print") == "1" and bool(views)
    return render_template(
        "reports/print.html" if printing else "reports/show.html",
        page=page,
        query=query,
        units=unit_options(name),
        views=views,
        charts=charts(name, query, tables),
        problem=problem,
        stamp=stamp if tables else None,
        offer=hand_up_offer(name, query) if tables else None,
    )


@bp.get("/tables/<name>/<any(xlsx, csv):fmt>")
def download(name: str, fmt: str) -> Response | WerkzeugResponse:
    """The same tables as on the page, as a file laid out like the paper form."""
    page = table_page(name)
    query = ReportQuery.from_args(request.args, page)
    if query.errors or not query.ready:
        return redirect(url_for(".show", name=name) + "?" + urlencode(query.args()))
    authorize(page, query)
    return table_file(name, query.api_query(), fmt)


def table_page(name: str) -> TablePage:
    if name not in BY_NAME:
        raise NotFoundError(f"没有名为“{name}”的报表。")
    return BY_NAME[name]


def authorize(page: TablePage, query: ReportQuery) -> None:
    """Tables that show more than tables do (the audit trail, the risk ranking) need the
    right to read that too, in the unit asked for or somewhere."""
    if page.action is Action.READ_TABLES:
        return
    label = f"table:{page.name}"
    if query.unit:
        queries().access.check(
            page_caller(), page.action, f"{label}@{query.unit}", unit_id(query.unit)
        )
    else:
        queries().access.reach(page_caller(), page.action, label)
