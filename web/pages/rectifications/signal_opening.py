"""Opening a rectification from a risk signal the county sent to rectification (转整改)."""

from __future__ import annotations

from uuid import UUID

from flask import render_template, url_for
from werkzeug.wrappers import Response

from application.errors import NotFoundError
from application.read_ports import UnitRecord
from domain.rectification import Source, rectification_id
from domain.signal_register import Disposition, RecordedSignal
from projections.spot_checks.words import signal_words
from web.context import queries
from web.pages.base import page_caller
from web.pages.rectifications.blueprint import bp
from web.pages.rectifications.item import item_page
from web.pages.rectifications.opening import OWNER_ROLES, submit_opening

PATH = "/risk/<county>/<period>/signals/<key>/rectification"


def sent(county: str, period: str, key: str) -> RecordedSignal:
    """The county's recorded signal of the period, once it was sent to rectification."""
    register = queries().signals.register(page_caller(), county, period)
    found = register.signals.get(key) if register else None
    if found is None or found.disposition is not Disposition.RECTIFY:
        raise NotFoundError(f"no signal {key} of {county} {period} was sent to rectification")
    return found


def unit_of(signal: RecordedSignal) -> UnitRecord | None:
    """The unit to rectify: the town a town's signal is about, else the unit of the first
    sheet it names."""
    raised = signal.signal
    if raised.subject == "town":
        return queries().units.row(UUID(raised.subject_id))
    sheets = [raised.subject_id] if raised.subject == "assessment" else list(raised.assessments)
    for aid in sheets:
        sheet = queries().assessments.sheet(page_caller(), UUID(aid))
        return queries().units.row(sheet.unit_id)
    return None


@bp.get(PATH, endpoint="new_from_signal")
def new(county: str, period: str, key: str) -> str:
    """The form that opens an item for a signal (or the item, once it is opened)."""
    sent(county, period, key)
    rid = rectification_id(Source.signal(key))
    if queries().rectifications.exists(rid):
        return item_page(rid, {}, {})
    return form_page(county, period, key, {}, {})


def form_page(
    county: str, period: str, key: str, errors: dict[str, str], form: dict[str, str]
) -> str:
    signal = sent(county, period, key)
    return render_template(
        "rectifications/new.html",
        campaign=None,
        period=period,
        signal={
            "words": signal_words(signal.signal.kind),
            "explanation": signal.signal.explanation,
            "recorded": signal,
        },
        unit=unit_of(signal),
        note=signal.signal.explanation,
        action=url_for("rectifications.open_from_signal", county=county, period=period, key=key),
        roles=OWNER_ROLES,
        errors=errors,
        form=form,
    )


@bp.post(PATH, endpoint="open_from_signal")
def open_item(county: str, period: str, key: str) -> Response | tuple[str, int]:
    """Open the item; refused input is said beside its field and nothing is opened."""
    return submit_opening(
        Source.signal(key),
        period,
        lambda errors, form: form_page(county, period, key, errors, form),
        "这条风险信号已经立过整改。",
    )
