"""Rows that are derived from the stored ones: employer-wide lists, balances, "actual" entities.

Choice: employer-wide lists of things that belong to an employment (leave, leave
requests, leave balances, actual organizational entities) add an ``employment``
object ``{id, startDate, endDate, payrollId, employee: {...}}`` to each row, since a
client needs to know whose row it is and the document shows no such list's fields.
Choice: a leave balance is one row per employment, year and leave type:
``{year, leaveType, unitType, balancePreviousYear, accrual, usage, balance}``; the
previous year's balance carries over only for leave types whose
``balanceExceedsYear`` is true. The employer-wide list holds the year of
``referenceDate`` (default today).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from simulators.loket.catalog import LEAVE_TYPE, UNIT_TYPE
from simulators.loket.dataset import Row, Table
from simulators.loket.store import LoketStore


def employment_ref(store: LoketStore, employment_id: str) -> Row:
    refs = store.employment_refs
    if not refs:
        refs.update(
            (
                row["id"],
                {
                    "id": row["id"],
                    "startDate": row["startDate"],
                    "endDate": row["endDate"],
                    "payrollId": row["payrollId"],
                    "employee": row["employee"],
                },
            )
            for row in store.data.employments
        )
    return refs[employment_id]


def per_employer(store: LoketStore, table: Table, label: str, employer_id: str) -> list[Row]:
    """The rows of ``table`` (children of employments) for a whole employer, each with its employment."""
    key = (label, employer_id)
    rows = store.employer_lists.get(key)
    if rows is None:
        rows = store.employer_lists[key] = []
        for employment_id in store.data.employments_by_employer.get(employer_id, ()):
            ref = employment_ref(store, employment_id)
            rows.extend({**row, "employment": ref} for row in table.under(employment_id))
    return rows


def all_employers(store: LoketStore, table: Table, label: str) -> list[Row]:
    return [
        row for employer in store.data.employers.rows for row in per_employer(store, table, label, employer)
    ]


def balances(store: LoketStore, employment_id: str) -> list[Row]:
    """Yearly balances per leave type, oldest year first, computed from the leave entries."""
    rows = store.balances.get(employment_id)
    if rows is None:
        rows = store.balances[employment_id] = _balances(store.data.leave.under(employment_id))
    return rows


def _balances(entries: list[Row]) -> list[Row]:
    totals: dict[tuple[int, int], list[float]] = defaultdict(lambda: [0.0, 0.0])
    for entry in entries:
        year = int(entry["startDate"][:4])
        totals[(entry["leaveType"]["key"], year)][0 if entry["isAccrual"] else 1] += entry["numberOfUnits"]
    rows: list[Row] = []
    for kind in sorted({kind for kind, _ in totals}):
        years = sorted(year for k, year in totals if k == kind)
        carried = 0.0
        for year in range(years[0], years[-1] + 1):
            accrual, usage = totals.get((kind, year), (0.0, 0.0))
            previous = carried if LEAVE_TYPE[kind]["balanceExceedsYear"] else 0.0
            balance = previous + accrual - usage
            rows.append(
                {
                    "year": year,
                    "leaveType": LEAVE_TYPE[kind],
                    "unitType": UNIT_TYPE[1],
                    "balancePreviousYear": previous,
                    "accrual": accrual,
                    "usage": usage,
                    "balance": balance,
                }
            )
            carried = balance
    rows.sort(key=lambda row: (row["year"], row["leaveType"]["key"]))
    return rows


def employer_balances(store: LoketStore, employer_id: str, year: int, kinds: set[int] | None) -> list[Row]:
    rows = []
    for employment_id in store.data.employments_by_employer.get(employer_id, ()):
        ref = employment_ref(store, employment_id)
        for row in balances(store, employment_id):
            if row["year"] == year and (kinds is None or row["leaveType"]["key"] in kinds):
                rows.append({"employment": ref, **row})
    return rows


def actual_org_entities(store: LoketStore, employer_id: str, day: date) -> list[Row]:
    """The organizational entity valid on ``day`` for every employment of the employer that has one."""
    text = day.isoformat()
    entities = store.data.org_entities
    rows = []
    for employment_id in store.data.employments_by_employer.get(employer_id, ()):
        for entity in entities.under(employment_id):
            if entity["startDate"] <= text and (entity["endDate"] is None or text <= entity["endDate"]):
                rows.append({**entity, "employment": employment_ref(store, employment_id)})
                break
    return rows


def calendar_absences(store: LoketStore, employer_id: str, first: date, last: date) -> list[Row]:
    """Per employment, the absences that overlap both the period and the employment.

    Choice: the document shows no fields for this list; each row is
    ``{"employment": {...}, "absences": [{id, startDate, endDate, causeOfAbsence,
    incapacityPercentage, absenceProgress: [{id, startDate, endDate,
    incapacityPercentage}]}]}``, dates unclipped (endDate null while open), and
    employments without such absences are left out.
    """
    start, end = first.isoformat(), last.isoformat()
    data = store.data
    rows = []
    for employment_id in data.employments_by_employer.get(employer_id, ()):
        ref = employment_ref(store, employment_id)
        low = max(start, ref["startDate"])
        high = min(end, ref["endDate"] or end)
        items = [
            _calendar_item(store, absence)
            for absence in store.absences.under(data.employments.parent[employment_id])
            if absence["progress"]["startDate"] <= high
            and (absence["endOfAbsence"] is None or low <= absence["endOfAbsence"]["date"])
        ]
        if items and low <= high:
            rows.append({"employment": ref, "absences": items})
    return rows


def _calendar_item(store: LoketStore, absence: Row) -> dict[str, Any]:
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
