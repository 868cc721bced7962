"""Employer-wide rows derived from the stored ones: actual organizational entities, leave
requests of an employer, and the absence and leave calendars.

Each view walks the employer's employments once; what does not change (the leave requests,
the calendar's employment references, the taken leave) is built once per employer and kept
(``memo.py``), so a request costs one pass over the employer and never a pass per row.

Choice: ``actualorganizationalentities?referenceDate=`` answers rows in the per-employment
organizational-entity shape (``id, startDate, endDate, function, deviatingFunctionDescription,
deviatingFunctionGroup, department, distributionUnit, standardFunction, placeOfEmployment,
internalTelephoneExtensionNumber``), one per employment that has one valid on the reference
date (default today). No source shows this list's fields, and nothing shows an employment
on these rows, so none is added: the shape is that of the entities it selects.
Choice: the employer's ``employees/employments/leaverequests`` rows are the per-employment
leave-request rows unchanged; the document shows no employment on them (whose request it
is, is in ``submittedBy``).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from simulators.loket.dataset import Row
from simulators.loket.store import LoketStore


def valid_entity(entities: list[Row], day: str) -> Row | None:
    """The organizational entity valid on ``day`` (entities of one employment never overlap)."""
    for entity in entities:
        if entity["startDate"] <= day and (entity["endDate"] is None or day <= entity["endDate"]):
            return entity
    return None


SAMPLE_PER_EMPLOYER = 100


def employment_ids(store: LoketStore, employer_id: str) -> list[str]:
    return store.data.employments_by_employer.get(employer_id, [])


def sample_employments(store: LoketStore) -> list[str]:
    """Up to ``SAMPLE_PER_EMPLOYER`` employments of every employer, evenly spread.

    The rows a list's filterable fields are learned from (``fields.py``), built from a
    bounded sample so that learning them costs the same at any ``--scale``.
    """
    chosen = []
    for ids in store.data.employments_by_employer.values():
        step = max(1, len(ids) // SAMPLE_PER_EMPLOYER)
        chosen.extend(ids[::step][:SAMPLE_PER_EMPLOYER])
    return chosen


def actual_org_entities(store: LoketStore, employer_id: str, day: date) -> list[Row]:
    return store.memo.recent(
        ("actual_org_entities", employer_id, day),
        lambda: actual_org_entities_of(store, employment_ids(store, employer_id), day),
    )


def actual_org_entities_of(store: LoketStore, employments: Iterable[str], day: date) -> list[Row]:
    text, entities = day.isoformat(), store.data.org_entities
    rows = []
    for employment_id in employments:
        entity = valid_entity(entities.under(employment_id), text)
        if entity is not None:
            rows.append(entity)
    return rows


def employer_leave_requests(store: LoketStore, employer_id: str) -> list[Row]:
    requests = store.data.leave_requests
    return store.memo.keep(
        ("leave_requests", employer_id),
        lambda: [row for e in employment_ids(store, employer_id) for row in requests.under(e)],
    )


def calendar_employment(store: LoketStore, employment_id: str) -> Row:
    """The employment as a calendar row names it.

    Choice: ``{id, startDate, endDate, payrollId, incomeRelationshipNumber, employee: {id,
    employeeNumber, firstName, initials, prefix, lastName, formattedName, dateOfBirth}}``:
    the calendar's items are "per specific employment" and no source names the fields, so
    the employment identifies itself with its own documented fields and a short employee
    summary (those of the employment's embedded ``employee``).
    """
    return store.memo.keep(("calendar_employment", employment_id), lambda: _reference(store, employment_id))


def _reference(store: LoketStore, employment_id: str) -> Row:
    row = store.data.employments.rows[employment_id]
    employee = row["employee"]
    return {
        "id": row["id"],
        "startDate": row["startDate"],
        "endDate": row["endDate"],
        "payrollId": row["payrollId"],
        "incomeRelationshipNumber": row["incomeRelationshipNumber"],
        "employee": {
            "id": employee["id"],
            "employeeNumber": employee["employeeNumber"],
            "firstName": employee["firstName"],
            "initials": employee["initials"],
            "prefix": employee["prefix"],
            "lastName": employee["lastName"],
            "formattedName": employee["formattedName"],
            "dateOfBirth": employee["dateOfBirth"],
        },
    }


def calendar_absences(store: LoketStore, employer_id: str, first: date, last: date) -> list[Row]:
    return calendar_absences_of(store, employment_ids(store, employer_id), first, last)


def calendar_absences_of(store: LoketStore, employments: Iterable[str], first: date, last: date) -> list[Row]:
    """Per employment, the absences that overlap both the period and the employment.

    Choice: a row is ``{"employment": {...calendar_employment}, "absences": [{id, startDate,
    endDate, causeOfAbsence, incapacityPercentage, absenceProgress: [{id, startDate, endDate,
    incapacityPercentage}]}]}``, dates unclipped (endDate null while open); employments
    without such absences are left out. Built per request: absences change with writes.
    """
    start, end = first.isoformat(), last.isoformat()
    data, absences = store.data, store.absences
    rows = []
    for employment_id in employments:
        job = data.employments.rows[employment_id]
        low = max(start, job["startDate"])
        high = min(end, job["endDate"] or end)
        if low > high:
            continue
        items = [
            _absence_item(store, absence)
            for absence in absences.under(job["employee"]["id"])
            if absence["progress"]["startDate"] <= high
            and (absence["endOfAbsence"] is None or low <= absence["endOfAbsence"]["date"])
        ]
        if items:
            rows.append({"employment": calendar_employment(store, employment_id), "absences": items})
    return rows


def _absence_item(store: LoketStore, absence: Row) -> dict[str, Any]:
    ended = absence["endOfAbsence"]
    return {
        "id": absence["id"],
        "startDate": absence["progress"]["startDate"],
        "endDate": ended["date"] if ended else None,
        "causeOfAbsence": absence["causeOfAbsence"],
        "incapacityPercentage": absence["progress"]["currentIncapacityPercentage"],
        "absenceProgress": [
            {
                "id": record["id"],
                "startDate": record["startDate"],
                "endDate": record["endDate"],
                "incapacityPercentage": record["incapacityPercentage"],
            }
            for record in store.progress.under(absence["id"])
        ],
    }


def calendar_leave(store: LoketStore, employer_id: str, first: date, last: date) -> list[Row]:
    taken = store.memo.keep(
        ("taken_leave", employer_id), lambda: _taken_leave(store, employment_ids(store, employer_id))
    )
    return _in_period(taken, first, last)


def calendar_leave_of(store: LoketStore, employments: Iterable[str], first: date, last: date) -> list[Row]:
    return _in_period(_taken_leave(store, employments), first, last)


def _taken_leave(store: LoketStore, employments: Iterable[str]) -> list[tuple[Row, list[Row]]]:
    """Per employment with taken leave, its reference and its taken-leave calendar items."""
    leave = store.data.leave
    result = []
    for employment_id in employments:
        items = [_leave_item(entry) for entry in leave.under(employment_id) if not entry["isAccrual"]]
        if items:
            result.append((calendar_employment(store, employment_id), items))
    return result


def _leave_item(entry: Row) -> Row:
    return {
        "id": entry["id"],
        "startDate": entry["startDate"],
        "endDate": entry["endDate"],
        "numberOfUnits": entry["numberOfUnits"],
        "unitType": entry["unitType"],
        "leaveType": entry["leaveType"],
        "comment": entry["comment"],
    }


def _in_period(taken: list[tuple[Row, list[Row]]], first: date, last: date) -> list[Row]:
    """The leave calendar's rows for a period.

    Choice: a row is ``{"employment": {...calendar_employment}, "leave": [{id, startDate,
    endDate, numberOfUnits, unitType, leaveType, comment}]}``, grouped like the absence
    calendar (the document: leave calendar items "for each employment"; no fields given);
    the items are the leave entries' own fields. Only taken leave ("opname": ``isAccrual``
    false, as the document says) that overlaps the period, dates unclipped; employments
    without such leave are left out.
    """
    start, end = first.isoformat(), last.isoformat()
    rows = []
    for reference, items in taken:
        chosen = [item for item in items if item["startDate"] <= end and start <= item["endDate"]]
        if chosen:
            rows.append({"employment": reference, "leave": chosen})
    return rows
