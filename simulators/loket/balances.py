"""Leave balances, computed from the leave entries: per employment, and employer-wide on a date.

Choice: the per-employment list (``.../employments/{employmentId}/leavebalances``) is one
row per year and leave type, oldest year first: ``{year, leaveType, unitType,
balancePreviousYear, accrual, usage, balance}`` (no source shows this list's fields); the
previous year's balance carries over only for leave types whose ``balanceExceedsYear`` is
true. An entry counts in the year it starts.

The employer-wide list (``/{employerId}/leavebalances``) has the shape of BrynQ's
``LeaveBalanceGet``, which validates real answers of that endpoint: one employment-rooted
row ``{id, startDate, historicalStartDate, endDate, payrollAdministration{id, name,
clientNumber, description}, nonPayrollAdministration, incomeRelationshipNumber,
employee{id, employeeNumber, firstName, initials, prefix, lastName, prefixPartner,
lastNamePartner, formattedName, dateOfBirth, photo}, organizationalEntity{startDate,
endDate, department, function, standardFunction, deviatingFunctionGroup,
deviatingFunctionDescription, placeOfEmployment} | null, leaveBalance: [{year,
leaveType{key, value, balanceExceedsYear}, balancePreviousYear, accrual, usageTotal,
usageThroughReferenceDate, usageAfterReferenceDate, usageFirstHalfYear, balance,
expires}]}``. ``referenceDate`` (default today) picks the organizational entity valid that
day (null if none), the year, and the usage split, as the spec's parameter says.

Choice: it lists every employment of the employer active on some day of the reference
year (the spec: "the yearly leave balances for all employments").
Choice: the row ``id`` (BrynQ: "the unique identifier of the leave balance") is a UUID of
its own, derived from the employment id and the year; it is not the employment's id, since
no source says it is.
Choice: ``leaveType`` (repeatable integer keys) keeps only the ``leaveBalance`` items of
those types; the row stays, possibly with an empty list. Without it every leave type is
listed: the document's default, type 16 ("1 + 15"), is a combined type of the real
catalogue that the seeded catalogue (1, 2, 15) does not have.
Choice: usage counts on the side of ``referenceDate`` its entry starts on, the first half
year is January-June, and ``expires`` is the positive balance of a leave type whose balance
does not carry over (``balanceExceedsYear`` false), else 0.
"""

from __future__ import annotations

import hashlib
import uuid
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

from simulators.loket.catalog import LEAVE_TYPE, UNIT_TYPE
from simulators.loket.dataset import Row
from simulators.loket.store import LoketStore
from simulators.loket.views import employment_ids, valid_entity


def balances(store: LoketStore, employment_id: str) -> list[Row]:
    """Yearly balances per leave type, oldest year first (kept: leave entries never change)."""
    return store.memo.keep(
        ("balances", employment_id), lambda: _balances(store.data.leave.under(employment_id))
    )


def _balances(entries: list[Row]) -> list[Row]:
    totals: dict[int, dict[int, list[float]]] = {}  # leave type -> year -> [accrual, usage]
    for entry in entries:
        years = totals.setdefault(entry["leaveType"]["key"], {})
        pair = years.setdefault(int(entry["startDate"][:4]), [0.0, 0.0])
        pair[0 if entry["isAccrual"] else 1] += entry["numberOfUnits"]
    rows: list[Row] = []
    unit = UNIT_TYPE[1]
    for kind in sorted(totals):
        years, leave_type = totals[kind], LEAVE_TYPE[kind]
        carries = leave_type["balanceExceedsYear"]
        carried = 0.0
        for year in range(min(years), max(years) + 1):
            accrual, usage = years.get(year, (0.0, 0.0))
            previous = carried if carries else 0.0
            carried = previous + accrual - usage
            rows.append(
                {
                    "year": year,
                    "leaveType": leave_type,
                    "unitType": unit,
                    "balancePreviousYear": previous,
                    "accrual": accrual,
                    "usage": usage,
                    "balance": carried,
                }
            )
    rows.sort(key=_year_and_kind)
    return rows


def _year_and_kind(row: Row) -> tuple[int, int]:
    return row["year"], row["leaveType"]["key"]


Kinds = frozenset[int] | None


def employer_balances(store: LoketStore, employer_id: str, day: date, kinds: Kinds) -> list[Row]:
    return store.memo.recent(
        ("employer_balances", employer_id, day, kinds),
        lambda: employer_balances_of(store, employment_ids(store, employer_id), day, kinds),
    )


def employer_balances_of(store: LoketStore, employments: Iterable[str], day: date, kinds: Kinds) -> list[Row]:
    first, last, text = f"{day.year}-01-01", f"{day.year}-12-31", day.isoformat()
    data = store.data
    rows = []
    for employment_id in employments:
        job = data.employments.rows[employment_id]
        if job["startDate"] > last or (job["endDate"] is not None and job["endDate"] < first):
            continue
        entity = valid_entity(data.org_entities.under(employment_id), text)
        rows.append(
            {
                "id": balance_id(employment_id, day.year),
                "startDate": job["startDate"],
                "historicalStartDate": job["historicalStartDate"],
                "endDate": job["endDate"],
                "payrollAdministration": _administration(store, job["payrollAdministration"]),
                "nonPayrollAdministration": job["nonPayrollAdministration"],
                "incomeRelationshipNumber": job["incomeRelationshipNumber"],
                "employee": job["employee"],
                "organizationalEntity": _entity(entity) if entity is not None else None,
                "leaveBalance": _items(store, employment_id, day, kinds),
            }
        )
    return rows


def balance_id(employment_id: str, year: int) -> str:
    digest = hashlib.sha256(f"leavebalance:{employment_id}:{year}".encode()).digest()
    return str(uuid.UUID(bytes=digest[:16], version=4))


def _administration(store: LoketStore, administration: Row) -> Row:
    return store.memo.keep(
        ("administration", administration["id"]),
        lambda: {
            "id": administration["id"],
            "name": administration["name"],
            "clientNumber": administration["clientNumber"],
            "description": administration["description"],
        },
    )


def _entity(entity: Row) -> Row:
    return {
        "startDate": entity["startDate"],
        "endDate": entity["endDate"],
        "department": entity["department"],
        "function": entity["function"],
        "standardFunction": entity["standardFunction"],
        "deviatingFunctionGroup": entity["deviatingFunctionGroup"],
        "deviatingFunctionDescription": entity["deviatingFunctionDescription"],
        "placeOfEmployment": entity["placeOfEmployment"],
    }


def _items(store: LoketStore, employment_id: str, day: date, kinds: Kinds) -> list[dict[str, Any]]:
    year, text, half = day.year, day.isoformat(), f"{day.year}-07-01"
    through: dict[int, float] = defaultdict(float)
    first_half: dict[int, float] = defaultdict(float)
    for entry in store.data.leave.under(employment_id):
        start = entry["startDate"]
        if entry["isAccrual"] or int(start[:4]) != year:
            continue
        kind = entry["leaveType"]["key"]
        if start <= text:
            through[kind] += entry["numberOfUnits"]
        if start < half:
            first_half[kind] += entry["numberOfUnits"]
    items = []
    for row in balances(store, employment_id):
        kind = row["leaveType"]["key"]
        if row["year"] != year or (kinds is not None and kind not in kinds):
            continue
        balance = row["balance"]
        items.append(
            {
                "year": year,
                "leaveType": row["leaveType"],
                "balancePreviousYear": row["balancePreviousYear"],
                "accrual": row["accrual"],
                "usageTotal": row["usage"],
                "usageThroughReferenceDate": through[kind],
                "usageAfterReferenceDate": row["usage"] - through[kind],
                "usageFirstHalfYear": first_half[kind],
                "balance": balance,
                "expires": max(balance, 0.0) if not row["leaveType"]["balanceExceedsYear"] else 0.0,
            }
        )
    return items
