"""The employer-wide calendars: absences and taken leave per employment over a period (GET).

``.../employees/employments/calendar/absences`` and ``.../calendar/leave`` need both
``startDate`` and ``endDate`` (the spec marks them required); a missing or malformed one,
or an endDate before the startDate, is a 400 naming it. Row shapes are choices, described
in ``views.py``.
"""

from __future__ import annotations

from datetime import date, timedelta

from simulators.loket import versions as v
from simulators.loket.api import Call, Operation, Page
from simulators.loket.dataset import Row
from simulators.loket.errors import CODE_DATE_ORDER, broken
from simulators.loket.query import required_date
from simulators.loket.store import LoketStore
from simulators.loket.views import (
    calendar_absences,
    calendar_absences_of,
    calendar_leave,
    calendar_leave_of,
    sample_employments,
)

BASE = "/v2/providers/employers/{employerId}/employees/employments/calendar"


def _period(call: Call) -> tuple[date, date]:
    first = required_date(call.args, "startDate")
    last = required_date(call.args, "endDate")
    if last < first:
        raise broken(CODE_DATE_ORDER, f"endDate ({last}) may not be before startDate ({first})")
    return first, last


async def list_calendar_absences(call: Call) -> Page:
    employer = call.store.employer(call.user, call.path("employerId"))
    first, last = _period(call)
    return Page(calendar_absences(call.store, employer["id"], first, last))


async def list_calendar_leave(call: Call) -> Page:
    employer = call.store.employer(call.user, call.path("employerId"))
    first, last = _period(call)
    return Page(calendar_leave(call.store, employer["id"], first, last))


def _sample_period(store: LoketStore) -> tuple[date, date]:
    today = store.data.today
    return today - timedelta(days=3 * 366), today + timedelta(days=366)


def _absences(store: LoketStore) -> list[Row]:
    return calendar_absences_of(store, sample_employments(store), *_sample_period(store))


def _leave(store: LoketStore) -> list[Row]:
    return calendar_leave_of(store, sample_employments(store), *_sample_period(store))


ROUTES: list[tuple[str, dict[str, Operation]]] = [
    (
        f"{BASE}/absences",
        {"GET": Operation(list_calendar_absences, v.GENERAL, "calendar_absence", _absences)},
    ),
    (f"{BASE}/leave", {"GET": Operation(list_calendar_leave, v.GENERAL, "calendar_leave", _leave)}),
]
