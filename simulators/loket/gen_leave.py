"""Seeding leave entries (accrual and leave taken) and leave requests per employment.

For last year and this year every employment accrues statutory and extra-statutory
leave pro rata (hours: 4x and 1x the weekly hours) and takes some days off. Accepted
leave requests of this year have a matching leave entry (``relatedLeaveRequest``);
submitted ones lie ahead and have none yet.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from simulators.loket.catalog import (
    ACCRUAL_TYPE,
    LEAVE_REQUEST_STATUS,
    LEAVE_TYPE,
    MEANS_OF_CREATION,
    UNIT_TYPE,
    short_option,
)
from simulators.loket.gen_employment import EmploymentSeed
from simulators.seeding import random_date, uuid_from

EMPLOYEE_COMMENTS = ("Vakantie", "Zomervakantie", "Familiebezoek", "Verhuizing", "Bruiloft zus", None)
HANDLER_COMMENTS = ("Fijne vakantie!", "Akkoord", "Niet mogelijk in deze drukke periode", None)


def leave_policy(rng: random.Random) -> dict[str, Any]:
    return {
        "id": uuid_from(rng),
        "value": "Standaard verlofregeling",
        "leaveUnitType": UNIT_TYPE[1],
        "accrualType": ACCRUAL_TYPE[1],
    }


def _half(hours: float) -> float:
    return round(hours * 2) / 2


def _stamp(day: date, rng: random.Random) -> str:
    """A local timestamp with the Dutch offset of that time of year (summer time April-October)."""
    offset = timedelta(hours=2 if 4 <= day.month <= 10 else 1)
    moment = datetime.combine(day, time(rng.randint(7, 21), rng.randint(0, 59), rng.randint(0, 59)))
    return moment.replace(tzinfo=timezone(offset)).isoformat()


def _entry(
    rng: random.Random, start: date, end: date, units: float, kind: int, accrual: bool, origin: dict[str, Any]
) -> dict[str, Any]:
    return {
        "id": uuid_from(rng),
        "startDate": start.isoformat(),
        "endDate": end.isoformat(),
        "numberOfUnits": units,
        "unitType": UNIT_TYPE[1],
        "isAccrual": accrual,
        "leaveType": LEAVE_TYPE[kind],
        "comment": None,
        "relatedLeave": None,
        "relatedLeaveRequest": None,
        "origin": origin,
    }


def build_leave(
    rng: random.Random,
    employment: EmploymentSeed,
    policy: dict[str, Any],
    handler: dict[str, Any],
    today: date,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The leave entries and the leave requests of one employment."""
    entries: list[dict[str, Any]] = []
    requests: list[dict[str, Any]] = []
    daily = _half(employment.hours / 5)
    accrued_origin = {"leavePolicy": policy, "meansOfCreation": MEANS_OF_CREATION[2]}
    manual_origin = {"leavePolicy": None, "meansOfCreation": MEANS_OF_CREATION[1]}
    for year in (today.year - 1, today.year):
        first = max(date(year, 1, 1), employment.start)
        last = min(date(year, 12, 31), employment.end or date(year, 12, 31))
        if first > last:
            continue
        share = ((last - first).days + 1) / (366 if year % 4 == 0 else 365)
        for kind, weeks in ((2, 4), (1, 1)):
            entry = _entry(
                rng, first, last, _half(weeks * employment.hours * share), kind, True, accrued_origin
            )
            entry["comment"] = f"Opbouw {year}"
            entries.append(entry)
        until = min(last, today) if year == today.year else last
        for _ in range(rng.randint(1, 3) if until > first else 0):
            start = random_date(rng, first, until)
            days = rng.randint(1, 8)
            end = min(start + timedelta(days=days - 1), last)
            kind = 2 if rng.random() < 0.75 else 1
            entries.append(
                _entry(rng, start, end, daily * ((end - start).days + 1), kind, False, manual_origin)
            )
        if year == today.year and first <= today <= last:
            requests.extend(_requests(rng, employment, first, last, daily, handler, today, entries))
    return entries, requests


def _requests(
    rng: random.Random,
    employment: EmploymentSeed,
    first: date,
    last: date,
    daily: float,
    handler: dict[str, Any],
    today: date,
    entries: list[dict[str, Any]],
) -> list[dict[str, Any]]:
    requests = []
    for _ in range(rng.choices((0, 1, 2, 3), (35, 35, 20, 10))[0]):
        status = rng.choices((9, 1, 10), (60, 30, 10))[0]
        if status == 1:
            start = today + timedelta(days=rng.randint(7, 120))
            if start > last:
                continue
            submitted = today - timedelta(days=rng.randint(0, 20))
        else:
            start = random_date(rng, first, today)
            submitted = max(first, start - timedelta(days=rng.randint(5, 60)))
        end = min(start + timedelta(days=rng.randint(1, 10) - 1), last)
        units = daily * ((end - start).days + 1)
        kind = 2 if rng.random() < 0.8 else 1
        handled = status != 1
        request = {
            "id": uuid_from(rng),
            "startDate": start.isoformat(),
            "endDate": end.isoformat(),
            "numberOfUnits": units,
            "unitType": UNIT_TYPE[1],
            "leaveType": short_option(LEAVE_TYPE[kind]),
            "isAccrual": False,
            "leaveRequestStatus": LEAVE_REQUEST_STATUS[status],
            "commentEmployee": rng.choice(EMPLOYEE_COMMENTS),
            "commentHandler": rng.choice(HANDLER_COMMENTS) if handled else None,
            "currentlyAvailableUnits": _half(employment.hours * 5 * rng.uniform(0.2, 1.0)),
            "submittedOn": _stamp(submitted, rng),
            "handledTime": _stamp(min(submitted + timedelta(days=rng.randint(0, 4)), today), rng)
            if handled
            else None,
            "submittedBy": employment.row["employee"],
            "handledBy": handler if handled else None,
        }
        requests.append(request)
        if status == 9:
            origin = {"leavePolicy": None, "meansOfCreation": MEANS_OF_CREATION[3]}
            entry = _entry(rng, start, end, units, kind, False, origin)
            entry["relatedLeaveRequest"] = {"id": request["id"]}
            entries.append(entry)
    return requests
