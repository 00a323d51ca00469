"""The windows of a rubric's periods: when sheets open, when the self layer is due (提交), when
the review is due (审核) and when the level above hands the table up (上报), which closes the
window. Dates are declared as month-day in the period's year, or with a leading + in the year
after it (a fourth quarter handed up by +01-15), and read in China's time."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum
from typing import Any, Protocol

from domain.china_time import china_day
from domain.definition_values import DefinitionReader, describe
from domain.errors import FieldError
from domain.levels import PeriodKind

DATE_KEYS = ("opens", "submission", "review", "hand_up")
QUARTER_KEYS = ("Q1", "Q2", "Q3", "Q4")
YEAR_KEY = "year"
MONTH_DAY = re.compile(r"^(\+?)(\d{2})-(\d{2})$")
NEXT_YEAR = "+"
"""The mark of a day in the year after the period's: +01-15."""


@dataclass(frozen=True)
class MonthDay:
    """A declared day: month and day in the period's year, or in the year after it."""

    month: int
    day: int
    next_year: bool = False

    def on(self, year: int) -> date:
        """The day for a period of `year`."""
        return date(year + self.next_year, self.month, self.day)

    @property
    def order(self) -> tuple[bool, int, int]:
        return self.next_year, self.month, self.day

    def __str__(self) -> str:
        return f"{NEXT_YEAR if self.next_year else ''}{self.month:02d}-{self.day:02d}"


@dataclass(frozen=True)
class DeclaredWindow:
    """One period's dates as a rubric declares them; `opens` None: the period's first day."""

    submission: MonthDay
    review: MonthDay
    hand_up: MonthDay
    opens: MonthDay | None = None

    def as_dict(self) -> dict[str, str | None]:
        shown = {k: getattr(self, k) for k in DATE_KEYS}
        return {k: None if v is None else str(v) for k, v in shown.items()}


Deadlines = tuple[tuple[str, DeclaredWindow], ...]
"""Per period key (Q1…Q4, or `year`), its declared window."""


@dataclass(frozen=True)
class Window:
    """One period's window as dates: each deadline is the last day the work is on time."""

    period: str
    opens: date
    submission: date
    review: date
    hand_up: date
    extended_to: date | None = None
    """The last day as the opening body extended it for one sheet (延长期限)."""

    @property
    def closes(self) -> date:
        """The window closes after the hand-up day (the table has gone up), or after the
        day it was extended to."""
        return self.extended_to or self.hand_up


class Timeliness(StrEnum):
    """Whether a step was done by its deadline."""

    ON_TIME = "on_time"
    LATE = "late"
    OVERDUE = "overdue"
    """Not done, and the deadline has passed."""
    PENDING = "pending"
    """Not done yet, and still due."""


TIMELINESS_WORDS = {
    Timeliness.ON_TIME: "按时",
    Timeliness.LATE: "逾期",
    Timeliness.OVERDUE: "逾期未报",
    Timeliness.PENDING: "未到期",
}


class WindowClosedError(FieldError):
    """A change outside its period's window, said in English and Chinese; the refused field
    is the sheet's period, whose window it names."""

    def __init__(self, window: Window, message: str, message_zh: str) -> None:
        super().__init__("period", message, message_zh)
        self.window = window


class Declaring(Protocol):
    """What windows are read from: a rubric's declaration (if any) and its period kind."""

    @property
    def deadlines(self) -> Deadlines | None: ...

    @property
    def period(self) -> PeriodKind: ...


def window_of(rubric: Declaring, period: str) -> Window | None:
    """The period's window (None: the rubric declares no deadlines for it)."""
    if not rubric.deadlines:
        return None
    year = int(period[:4])
    key = period[4:] or YEAR_KEY
    declared = dict(rubric.deadlines).get(key)
    if declared is None:
        return None
    opens = (declared.opens or first_day(key)).on(year)
    return Window(
        period,
        opens,
        declared.submission.on(year),
        declared.review.on(year),
        declared.hand_up.on(year),
    )


def first_day(key: str) -> MonthDay:
    """The day a period starts on: Q2 → 04-01, year → 01-01."""
    return MonthDay(1, 1) if key == YEAR_KEY else MonthDay(3 * int(key[1]) - 2, 1)


def hand_up_deadline(rubric: Declaring, period: str) -> Window | None:
    """For a rubric and a period: its submission, review and hand-up deadlines (and when its
    sheets open), or None where the rubric declares none."""
    return window_of(rubric, period)


def timeliness(due: date | None, done: datetime | None, now: datetime) -> Timeliness | None:
    """Done by the due day (in China's time)? None: nothing is due."""
    if due is None:
        return None
    if done is not None:
        return Timeliness.ON_TIME if china_day(done) <= due else Timeliness.LATE
    return Timeliness.OVERDUE if china_day(now) > due else Timeliness.PENDING


def extended(window: Window | None, until: date | None) -> Window | None:
    """The window with one sheet's extension (if any) as its last day."""
    return window if window is None or until is None else replace(window, extended_to=until)


def check_extension(window: Window | None, until: date) -> None:
    """An extension moves the last day later (a sheet's work may run into the next year)."""
    if window is None:
        raise FieldError(
            "until",
            "the rubric declares no window for this period: there is nothing to extend",
            "该评分表未规定本期间的考核窗口，无需延长期限。",
        )
    if until <= window.closes:
        last = window.closes.isoformat()
        raise FieldError(
            "until",
            f"extend {window.period} to a day after its last day {last}; found {until.isoformat()}",
            f"延长后的截止日须晚于当前截止日 {last}；收到 {until.isoformat()}。",
        )


def check_self_open(window: Window | None, at: datetime, returned: bool) -> None:
    """The self layer takes changes (entries and submission) until the window closes; after,
    only on a sheet the level above has returned (it reopened it)."""
    if window is None or returned or china_day(at) <= window.closes:
        return
    which = "extended deadline" if window.extended_to else "hand-up deadline"
    which_zh = "延长后的截止日" if window.extended_to else "上报截止日"
    raise WindowClosedError(
        window,
        f"the window of {window.period} closed after its {which} "
        f"{window.closes.isoformat()}; the self layer can change only after the reviewing "
        "level returns the sheet or the opening body extends the window",
        f"{window.period} 的考核窗口已于{which_zh} {window.closes.isoformat()} 关闭，"
        "自评不能再修改或提交；如需更正，请上级审核单位退回或新建评分表的单位延长期限后再办理。",
    )


def check_opens(window: Window | None, at: datetime) -> None:
    """A period's sheets open on its window's first day."""
    if window is None or china_day(at) >= window.opens:
        return
    raise WindowClosedError(
        window,
        f"the sheets of {window.period} open on {window.opens.isoformat()}",
        f"{window.period} 的评分表自 {window.opens.isoformat()} 起开放，尚不能新建。",
    )


def read_deadlines(
    reader: DefinitionReader, top: Mapping[str, Any], kind: PeriodKind
) -> Deadlines | None:
    """The declared windows (None: none declared); every problem names its field."""
    raw = top.get("deadlines")
    if raw is None:
        return None
    data = reader.mapping("deadlines", raw) or {}
    keys = QUARTER_KEYS if kind is PeriodKind.QUARTER else (YEAR_KEY,)
    reader.known_keys("deadlines", data, keys)
    found = []
    for key in keys:
        if key not in data:
            reader.fail("deadlines", f"'{key}' is required: a {kind.value} rubric gives {keys}")
            continue
        window = read_window(reader, f"deadlines › {key}", data[key], key)
        if window is not None:
            found.append((key, window))
    return tuple(found)


def read_window(reader: DefinitionReader, at: str, raw: object, key: str) -> DeclaredWindow | None:
    data = reader.mapping(at, raw) or {}
    reader.known_keys(at, data, DATE_KEYS)
    dates = {k: read_month_day(reader, at, k, data.get(k), k != "opens") for k in DATE_KEYS}
    if any(dates[k] is None for k in DATE_KEYS[1:]):
        return None
    days = [dates["opens"] or first_day(key)] + [dates[k] for k in DATE_KEYS[1:]]
    order = [day.order for day in days if day is not None]
    if order != sorted(order):
        reader.fail(at, "dates must not go back: opens ≤ submission ≤ review ≤ hand_up")
        return None
    return DeclaredWindow(dates["submission"], dates["review"], dates["hand_up"], dates["opens"])  # type: ignore[arg-type]


def read_month_day(
    reader: DefinitionReader, at: str, key: str, raw: object, required: bool
) -> MonthDay | None:
    if raw is None:
        if required:
            reader.fail(at, f"'{key}' is required, as month-day like 04-30")
        return None
    match = MONTH_DAY.match(raw) if isinstance(raw, str) else None
    if match is not None:
        month, day = int(match.group(2)), int(match.group(3))
        try:
            date(2001, month, day)  # not a leap year: 02-29 would not exist every year
            return MonthDay(month, day, next_year=match.group(1) == NEXT_YEAR)
        except ValueError:
            pass
    reader.fail(
        at,
        f"'{key}' must be a month-day like 04-30 (every year), or +01-15 in the following "
        f"year, found {describe(raw)}",
    )
    return None
