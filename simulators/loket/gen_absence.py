"""Seeding absences (verzuimmeldingen) and their progress records (verzuimverloop).

An absence has no top-level dates: it starts at ``progress.startDate`` and ends at
``endOfAbsence.date`` (null while open). Its progress records form a linked chain of
incapacity percentages whose last record ends with the absence. About one in four
employees has been absent in the last three years; some are absent today.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from simulators.loket.catalog import (
    ACCIDENT_TYPE,
    ACTION_OHS,
    CAUSE_OF_ABSENCE,
    COUNTRY_NL,
    END_OF_ABSENCE_REASON,
    EXPECTED_DURATION,
    LOCATION_TYPE,
    REINTEGRATION_GOAL,
    WORK_RESUMPTION,
)
from simulators.loket.gen_employment import EmploymentSeed
from simulators.names import dutch_name
from simulators.places import DUTCH_PLACES
from simulators.seeding import random_date, uuid_from

LOOKBACK_DAYS = 3 * 365
HOSPITALS = (
    "Erasmus MC",
    "UMC Utrecht",
    "Isala Zwolle",
    "Elisabeth-TweeSteden Ziekenhuis",
    "Maasstad Ziekenhuis",
)
ARBO_SERVICES = ("ArboNed", "Arbo Unie", "HumanCapitalCare", "Zorg van de Zaak")

Absence = tuple[dict[str, Any], list[dict[str, Any]]]


def build_absences(rng: random.Random, employments: list[EmploymentSeed], today: date) -> list[Absence]:
    """Absences of one employee over their employments, never overlapping each other."""
    if not employments:
        return []
    female = employments[0].employee.row["personalDetails"]["gender"]["key"] == 2
    taken: list[tuple[date, date]] = []
    result: list[Absence] = []
    current = [e for e in employments if e.active_on(today)]
    if current and rng.random() < 0.06:
        employment = current[0]
        start = random_date(
            rng, max(employment.start, today - timedelta(days=200)), today - timedelta(days=1)
        )
        result.append(_absence(rng, start, None, (today - start).days + 1, female, today))
        taken.append((start, today))
    window_start = today - timedelta(days=LOOKBACK_DAYS)
    count = rng.choices((0, 1, 2, 3), weights=(70, 20, 8, 2))[0]
    for _ in range(count):
        employment = rng.choice(employments)
        first = max(employment.start, window_start)
        last = min(employment.end or today, today) - timedelta(days=2)
        if first >= last:
            continue
        start = random_date(rng, first, last)
        length = rng.choices((rng.randint(1, 10), rng.randint(11, 42), rng.randint(43, 300)), (70, 20, 10))[0]
        end = min(start + timedelta(days=length - 1), last)
        if any(start <= other_end and other_start <= end for other_start, other_end in taken):
            continue
        taken.append((start, end))
        result.append(_absence(rng, start, end, (end - start).days + 1, female, today))
    result.sort(key=lambda absence: absence[0]["progress"]["startDate"])
    return result


def _absence(
    rng: random.Random, start: date, end: date | None, days: int, female: bool, today: date
) -> Absence:
    cause = rng.choices((2, 3, 1, 4), weights=(85, 5, 5 if female else 0, 1))[0]
    hospitalised = rng.random() < (0.25 if days > 42 else 0.02)
    place = rng.choice(DUTCH_PLACES)
    manager = dutch_name(rng)
    progress = _progress(rng, start, end, days)
    row: dict[str, Any] = {
        "id": uuid_from(rng),
        "causeOfAbsence": CAUSE_OF_ABSENCE[cause],
        "hoursWorkedOnFirstDayOfAbsence": rng.randint(1, 8) if rng.random() < 0.3 else None,
        "actionToBeTakenByOccupationalHealthAndSafetyService": ACTION_OHS[
            4 if days <= 7 else rng.randint(1, 3)
        ],
        "expectedDuration": EXPECTED_DURATION[rng.randint(1, 5)] if rng.random() < 0.7 else None,
        "isDisruptedEmploymentRelationship": rng.random() < 0.03,
        "isThirdPartyLiability": cause == 3 and rng.random() < 0.3,
        "accidentType": ACCIDENT_TYPE[rng.randint(1, 4)] if cause == 3 else None,
        "isWorkRelatedIllness": cause == 3 or rng.random() < 0.05,
        "expectedDateOfChildbirth": (start + timedelta(days=42)).isoformat() if cause == 1 else None,
        "expectedEndDateOfMaternityLeave": (start + timedelta(days=111)).isoformat() if cause == 1 else None,
        "hasMobilityIssue": rng.random() < 0.05,
        "isRecoveredWithinTwoWeeks": end is not None and days <= 14,
        "isHospitalised": hospitalised,
        "comments": rng.choice(("Griep", "Rugklachten", "Operatie gepland", "Overspannen"))
        if rng.random() < 0.3
        else None,
        "contactInformation": (
            {
                "startDate": start.isoformat(),
                "endDate": (start + timedelta(days=rng.randint(2, 20))).isoformat(),
                "locationType": LOCATION_TYPE[1],
                "name": rng.choice(HOSPITALS),
                "street": "Ziekenhuisweg",
                "houseNumber": rng.randint(1, 200),
                "houseNumberAddition": None,
                "postalCode": f"{place.postcode} ZH",
                "city": place.name,
                "furtherIndication": None,
                "country": COUNTRY_NL,
                "phoneNumber": f"088-{rng.randint(1000000, 9999999)}",
            }
            if hospitalised
            else None
        ),
        "caseManager": (
            {
                "name": f"{manager.first_name} {manager.full_last_name}"[:25],
                "function": "Casemanager verzuim",
                "organization": rng.choice(ARBO_SERVICES),
                "phoneNumber": f"088-{rng.randint(1000000, 9999999)}",
            }
            if days > 42
            else None
        ),
        "reintegration": (
            {
                "reintegrationGoal": REINTEGRATION_GOAL[rng.randint(1, 3)],
                "dateOfFinalizingPlanOfAction": (start + timedelta(days=56)).isoformat(),
            }
            if days > 56
            else None
        ),
        "progress": {
            "startDate": start.isoformat(),
            "currentIncapacityPercentage": progress[-1]["incapacityPercentage"],
        },
        "endOfAbsence": (
            {"date": end.isoformat(), "reason": END_OF_ABSENCE_REASON[1 if rng.random() < 0.92 else 2]}
            if end
            else None
        ),
    }
    return row, progress


def _progress(rng: random.Random, start: date, end: date | None, days: int) -> list[dict[str, Any]]:
    """A linked chain: 100% first, then partial work resumption for longer absences."""
    steps = [100]
    if days > 14:
        steps.append(rng.choice((50, 60, 75)))
    if days > 60 and rng.random() < 0.6:
        steps.append(rng.choice((20, 25, 40)))
    edges = [start]
    for index in range(1, len(steps)):
        edges.append(start + timedelta(days=days * index // len(steps)))
    rows = []
    for index, percentage in enumerate(steps):
        last = index == len(steps) - 1
        finish = end if last else edges[index + 1] - timedelta(days=1)
        rows.append(
            {
                "id": uuid_from(rng),
                "startDate": edges[index].isoformat(),
                "endDate": finish.isoformat() if finish else None,
                "incapacityPercentage": percentage,
                "typeOfWorkResumption": WORK_RESUMPTION[2] if percentage < 100 else None,
                "comments": None,
            }
        )
    return rows
