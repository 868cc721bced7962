"""Absences (verzuimmeldingen): list, create, read, edit, delete, close and reopen.

A POST creates the absence AND its first absence progress record (the spec:
"both an absence AND one underlying absence progress will be created"); DELETE
removes its progress records too; close sets ``endOfAbsence`` and ends the open
progress record; reopen clears both.

Choice: POST answers 201 with the whole created absence as ``content`` (so the
``{"content": {"id": ...}}`` a client looks for is there), with its ETag.
Choice: PATCH close/reopen and DELETE honour ``If-Match`` like PUT (the spec offers the
header on all four); a stale one is a 409 ConcurrencyViolation.
Choice: business rules, each a 400 BrokenBusinessRule: an absence starts on a day the
employee is employed and not after today; it may not overlap another absence of the
employee (an open one runs on indefinitely); it is closed on or after the start of
its last progress record and not after today, with ``endOfAbsence.date`` required and
``reason`` optional; only an open absence can be closed, only a closed one reopened,
and reopening may not overlap a later absence.
"""

from __future__ import annotations

from typing import Any

from simulators.loket import versions as v
from simulators.loket.absence_rules import absence_fields, absence_row
from simulators.loket.api import Call, Item, Operation, Page, Removed
from simulators.loket.catalog import END_OF_ABSENCE_REASON
from simulators.loket.dataset import Row
from simulators.loket.envelopes import etag_of, if_match_fails
from simulators.loket.errors import (
    CODE_DATE_ORDER,
    CODE_INVALID_STATE,
    CODE_INVALID_VALUE,
    CODE_OVERLAP,
    CODE_REQUIRED_FIELD,
    BrokenRule,
    Concurrency,
    broken,
)
from simulators.loket.filter_eval import is_iso_date
from simulators.loket.store import LoketStore

BASE = "/v2/providers/employers/employees"


def _if_match(call: Call, row: Row) -> None:
    if if_match_fails(call.request.headers.get("if-match"), etag_of(row)):
        raise Concurrency()


def _end(absence: Row) -> str | None:
    ended = absence["endOfAbsence"]
    return ended["date"] if ended else None


async def list_absences(call: Call) -> Page:
    employee = call.store.employee(call.user, call.path("employeeId"))
    return Page(call.store.absences.under(employee["id"]))


async def get_absence(call: Call) -> Item:
    return Item(call.store.absence(call.user, call.path("absenceId")))


async def create_absence(call: Call) -> Item:
    store = call.store
    employee = store.employee(call.user, call.path("employeeId"))
    fields = absence_fields(await call.body(), creating=True)
    progress = fields["progress"]
    start = progress["startDate"]
    today = store.data.today.isoformat()
    if start > today:
        raise broken(CODE_INVALID_VALUE, f"progress.startDate ({start}) may not be after today ({today})")
    employed = any(
        row["startDate"] <= start and (row["endDate"] is None or start <= row["endDate"])
        for row in store.data.employments.under(employee["id"])
    )
    if not employed:
        raise broken(CODE_INVALID_STATE, f"The employee has no employment on progress.startDate ({start})")
    for other in store.absences.under(employee["id"]):
        end = _end(other)
        if end is None or end >= start:
            raise broken(
                CODE_OVERLAP,
                f"The absence would overlap absence '{other['id']}' "
                f"({other['progress']['startDate']} - {end or 'open'})",
            )
    ident = store.new_id()
    row = absence_row(ident, fields, progress, None)
    record = {
        "id": store.new_id(),
        "startDate": start,
        "endDate": None,
        "incapacityPercentage": progress["currentIncapacityPercentage"],
        "typeOfWorkResumption": None,
        "comments": None,
    }
    store.absences.add(row, employee["id"])
    store.progress.add(record, ident)
    return Item(row, status=201)


async def edit_absence(call: Call) -> Item:
    store = call.store
    absence = store.absence(call.user, call.path("absenceId"))
    _if_match(call, absence)
    fields = absence_fields(await call.body(), creating=False)
    row = absence_row(absence["id"], fields, absence["progress"], absence["endOfAbsence"])
    store.absences.replace(row)
    return Item(row)


async def delete_absence(call: Call) -> Removed:
    store = call.store
    absence = store.absence(call.user, call.path("absenceId"))
    _if_match(call, absence)
    for record in store.progress.under(absence["id"]):
        store.progress.remove(record["id"])
    store.absences.remove(absence["id"])
    return Removed()


async def close_absence(call: Call) -> Item:
    store = call.store
    absence = store.absence(call.user, call.path("absenceId"))
    _if_match(call, absence)
    body = await call.body()
    end = body.get("endOfAbsence")
    if not isinstance(end, dict) or end.get("date") is None:
        raise broken(CODE_REQUIRED_FIELD, "endOfAbsence.date is required")
    day = end["date"]
    if not isinstance(day, str) or not is_iso_date(day):
        raise broken(CODE_INVALID_VALUE, f"endOfAbsence.date must be a date (YYYY-MM-DD), got {day!r}")
    reason = _reason(end.get("reason"))
    if absence["endOfAbsence"] is not None:
        raise broken(CODE_INVALID_STATE, "The absence is already closed; reopen it first")
    records = store.progress.under(absence["id"])
    first_day = records[-1]["startDate"] if records else absence["progress"]["startDate"]
    today = store.data.today.isoformat()
    if day < first_day:
        raise broken(CODE_DATE_ORDER, f"endOfAbsence.date ({day}) may not be before {first_day}")
    if day > today:
        raise broken(CODE_INVALID_VALUE, f"endOfAbsence.date ({day}) may not be after today ({today})")
    return Item(_set_end(store, absence, {"date": day, "reason": reason}))


async def reopen_absence(call: Call) -> Item:
    store = call.store
    absence = store.absence(call.user, call.path("absenceId"))
    _if_match(call, absence)
    if absence["endOfAbsence"] is None:
        raise broken(CODE_INVALID_STATE, "The absence is not closed")
    start = absence["progress"]["startDate"]
    for other in store.absences.under(store.absences.parent[absence["id"]]):
        if other["id"] != absence["id"] and other["progress"]["startDate"] > start:
            raise broken(CODE_OVERLAP, f"Reopening would overlap the later absence '{other['id']}'")
    return Item(_set_end(store, absence, None))


def _reason(value: Any) -> dict[str, Any] | None:
    if value is None:
        return None
    key = value.get("key") if isinstance(value, dict) else None
    if isinstance(key, bool) or not isinstance(key, int) or key not in END_OF_ABSENCE_REASON:
        raise BrokenRule(
            (
                CODE_INVALID_VALUE,
                f"endOfAbsence.reason.key must be one of {sorted(END_OF_ABSENCE_REASON)}, got {key!r}",
            )
        )
    return END_OF_ABSENCE_REASON[key]


def _set_end(store: LoketStore, absence: Row, end: dict[str, Any] | None) -> Row:
    """Close (or reopen) the absence and its last progress record together."""
    row = {**absence, "endOfAbsence": end}
    store.absences.replace(row)
    records = store.progress.under(absence["id"])
    if records:
        store.progress.replace({**records[-1], "endDate": end["date"] if end else None})
    return row


def _absences(store: LoketStore) -> list[Row]:
    return list(store.data.absences)


ROUTES: list[tuple[str, dict[str, Operation]]] = [
    (
        f"{BASE}/{{employeeId}}/absences",
        {
            "GET": Operation(list_absences, v.ABSENCE_LIST, "absence", _absences),
            "POST": Operation(create_absence, v.ABSENCE_ITEM),
        },
    ),
    (
        f"{BASE}/absences/{{absenceId}}",
        {
            "GET": Operation(get_absence, v.ABSENCE_ITEM),
            "PUT": Operation(edit_absence, v.ABSENCE_ITEM),
            "DELETE": Operation(delete_absence, v.ABSENCE_ITEM),
        },
    ),
    (f"{BASE}/absences/{{absenceId}}/closeabsence", {"PATCH": Operation(close_absence, v.ABSENCE_ITEM)}),
    (f"{BASE}/absences/{{absenceId}}/reopenabsence", {"PATCH": Operation(reopen_absence, v.ABSENCE_ITEM)}),
]
