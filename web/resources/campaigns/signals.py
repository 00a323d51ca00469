"""The signal register (风险信号登记) over HTTP: read a county's register of a period, record
the signals its risk report raises now, and give a recorded signal a disposition."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView

from application.commands.signals import DisposeSignal, record_report
from application.errors import NotFoundError
from domain.ids import unit_id
from domain.signal_register import DISPOSITION_WORDS, RecordedSignal, SignalRegister, register_id
from projections.spot_checks.words import signal_words
from web.context import caller, create, handle, queries
from web.resources.campaigns.blueprint import blp
from web.resources.campaigns.risk import county_risk
from web.resources.campaigns.signal_schemas import (
    DisposeSignalSchema,
    RecordSignalsSchema,
    RegisterQuerySchema,
    RegisterSchema,
)
from web.resources.common import CREATE, WRITE, versioned


def signal_json(r: RecordedSignal) -> dict[str, Any]:
    return r.signal.to_data() | {
        "key": r.key,
        "kind_words": signal_words(r.signal.kind),
        "position": r.position,
        "recorded_at": r.recorded_at,
        "disposition": r.disposition.value if r.disposition else None,
        "disposition_words": DISPOSITION_WORDS[r.disposition] if r.disposition else None,
        "reason": r.reason or None,
        "disposed_by": r.disposed_by or None,
        "disposed_at": r.disposed_at or None,
    }


def register_json(register: SignalRegister, county: str) -> tuple[Any, int, dict[str, str]]:
    data = {
        "id": register.id,
        "county": county,
        "period": register.period,
        "version": register.version,
        "signals": [signal_json(r) for r in register.signals.values()],
    }
    return versioned(data, register.version)


@blp.route("/risk/signals")
class SignalRegisterViews(MethodView):
    @blp.arguments(RegisterQuerySchema, location="query")
    @blp.response(200, RegisterSchema)
    def get(self, query: dict[str, Any]) -> Any:
        """The recorded risk signals of a county and period, each with its disposition; the
        ETag is the version a disposition names in If-Match."""
        code, period = query["unit"], query["period"]
        found = queries().signals.register(caller(), code, period)
        if found is None:
            raise NotFoundError(f"no risk signal of {code} in {period} is recorded yet")
        return register_json(found, code)

    @blp.doc(**CREATE)
    @blp.arguments(RecordSignalsSchema)
    @blp.response(200, RegisterSchema)
    def post(self, body: dict[str, Any]) -> Any:
        """Record each signal the county's risk report of the period raises now, with the
        report's log position and settings; a signal recorded before is not recorded again."""
        code = body["unit"]
        report = county_risk(caller(), code, body["period"], None)
        saved = create(record_report(code, report)).aggregate
        assert isinstance(saved, SignalRegister)
        return register_json(saved, code)


@blp.route("/risk/signals/<key>/disposition")
class SignalDispositionViews(MethodView):
    @blp.doc(**WRITE)
    @blp.arguments(DisposeSignalSchema)
    @blp.response(200, RegisterSchema)
    def post(self, body: dict[str, Any], key: str) -> Any:
        """Give a recorded signal a disposition (核实属实 confirmed / 排除 dismissed / 转整改
        rectify) with a reason; a later one replaces the shown one, both stay in history."""
        code = body["unit"]
        command = DisposeSignal(
            register_id=register_id(unit_id(code), body["period"]),
            key=key,
            disposition=body["disposition"],
            reason=body["reason"],
        )
        saved = handle(command).aggregate
        assert isinstance(saved, SignalRegister)
        return register_json(saved, code)
