"""Absence progress records (verzuimverloop) and the employer-wide absence calendar (GET).

``.../employments/calendar/absences?startDate=&endDate=`` needs both dates (the spec
marks them required); a missing or malformed one, or an endDate before the
startDate, is a 400 naming it.
"""

from __future__ import annotations

from datetime import timedelta

from simulators.loket import versions as v
from simulators.loket.api import Call, Item, Operation, Page
from simulators.loket.dataset import Row
from simulators.loket.errors import CODE_DATE_ORDER, broken
from simulators.loket.query import required_date
from simulators.loket.store import LoketStore
from simulators.loket.views import calendar_absences

BASE = "/v2/providers/employers"


async def list_progress(call: Call) -> Page:
    absence = call.store.absence(call.user, call.path("absenceId"))
    return Page(call.store.progress.under(absence["id"]))


async def get_progress(call: Call) -> Item:
    return Item(call.store.absence_progress(call.user, call.path("absenceProgressId")))


async def list_calendar_absences(call: Call) -> Page:
    employer = call.store.employer(call.user, call.path("employerId"))
    first = required_date(call.args, "startDate")
    last = required_date(call.args, "endDate")
    if last < first:
        raise broken(CODE_DATE_ORDER, f"endDate ({last}) may not be before startDate ({first})")
    return Page(calendar_absences(call.store, employer["id"], first, last))


def _progress(store: LoketStore) -> list[Row]:
    return list(store.data.progress)


def _calendar(store: LoketStore) -> list[Row]:
    today = store.data.today
    first = today - timedelta(days=3 * 366)
    return [
        row
        for employer in store.data.employers.rows
        for row in calendar_absences(store, employer, first, today)
    ]


ROUTES: list[tuple[str, dict[str, Operation]]] = [
    (
        f"{BASE}/employees/absences/absenceprogress/{{absenceProgressId}}",
        {"GET": Operation(get_progress, v.ABSENCE_ITEM)},
    ),
    (
        f"{BASE}/employees/absences/{{absenceId}}/absenceprogress",
        {"GET": Operation(list_progress, v.GENERAL, "absence_progress", _progress)},
    ),
    (
        f"{BASE}/{{employerId}}/employees/employments/calendar/absences",
        {"GET": Operation(list_calendar_absences, v.GENERAL, "calendar_absence", _calendar)},
    ),
]
