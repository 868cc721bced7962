"""Seeding employments (1-2 per employee) and their dated organizational entities.

Some employments ended, most are open, some are fixed-term ending after today; about
a third of the longer ones have two consecutive organizational entities (a new
function or department from a date), so ``referenceDate`` matters.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from simulators.loket.catalog import (
    CANCELLATION_UNIT,
    EMPLOYEE_PROFILE,
    EMPLOYMENT_CATEGORY,
    EMPLOYMENT_CONTRACT,
    EMPLOYMENT_DURATION,
    END_OF_EMPLOYMENT_REASON,
    ESS_MUTATION_SET,
    NOT_APPLICABLE,
    TYPE_OF_EMPLOYEE,
)
from simulators.loket.gen_people import EmployeeSeed, employee_summary
from simulators.seeding import random_date, uuid_from

HOURS_PER_WEEK = (16, 20, 24, 28, 32, 36, 38, 40)
HOURS_WEIGHTS = (1, 2, 3, 2, 4, 5, 3, 4)
STANDARD_FUNCTIONS = (
    {"key": 1, "value": "Administrateur", "code": "A21", "category": 1},
    {"key": 2, "value": "Leidinggevende", "code": "L10", "category": 2},
    {"key": 3, "value": "Uitvoerend medewerker", "code": "U30", "category": 3},
)


@dataclass
class EmploymentSeed:
    employee: EmployeeSeed
    row: dict[str, Any]
    start: date
    end: date | None
    hours: int
    entities: list[dict[str, Any]] = field(default_factory=list)

    @property
    def id(self) -> str:
        return str(self.row["id"])

    def active_on(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


def _years_after(day: date, years: int) -> date:
    return date(day.year + years, day.month, min(day.day, 28))


def _periods(rng: random.Random, employee: EmployeeSeed, today: date) -> list[tuple[date, date | None]]:
    earliest = max(_years_after(employee.born, 18), date(1995, 1, 1))
    earliest = min(earliest, today - timedelta(days=90))
    recent = max(earliest, _years_after(today, -25))
    draw = rng.random()
    if not employee.shared and draw < 0.10 and earliest < today - timedelta(days=400):
        start = random_date(rng, recent, today - timedelta(days=400))
        return [(start, random_date(rng, start + timedelta(days=180), today - timedelta(days=30)))]
    if draw < 0.32 and earliest < today - timedelta(days=3 * 365):
        first = random_date(rng, earliest, today - timedelta(days=3 * 365))
        first_end = min(first + timedelta(days=rng.randint(365, 6 * 365)), today - timedelta(days=120))
        gap = 1 if rng.random() < 0.6 else rng.randint(30, 700)
        second = min(first_end + timedelta(days=gap), today - timedelta(days=30))
        later = rng.random()
        if later < 0.8 or employee.shared:
            second_end: date | None = None
        elif later < 0.9:
            second_end = today + timedelta(days=rng.randint(30, 400))
        else:
            second_end = random_date(rng, second + timedelta(days=20), today - timedelta(days=5))
        return [(first, first_end), (second, second_end)]
    start = random_date(rng, recent, today - timedelta(days=14))
    end = today + timedelta(days=rng.randint(30, 400)) if rng.random() < 0.15 else None
    return [(start, end)]


def build_employments(
    rng: random.Random, employee: EmployeeSeed, today: date, payroll_ids: list[int]
) -> list[EmploymentSeed]:
    employer = employee.employer
    summary = employee_summary(employee.row)
    details = employee.row["personalDetails"]
    periods = _periods(rng, employee, today)
    seeds = []
    for number, (start, end) in enumerate(periods, start=1):
        payroll_ids[0] += 1
        ended = end is not None and end < today
        fixed_term = end is not None and not ended
        indefinite = not fixed_term and rng.random() < 0.8
        row: dict[str, Any] = {
            "id": uuid_from(rng),
            "startDate": start.isoformat(),
            "endDate": end.isoformat() if end else None,
            "historicalStartDate": periods[0][0].isoformat(),
            "startDateContractOfIndefiniteDuration": start.isoformat() if indefinite else None,
            "payrollId": payroll_ids[0],
            "incomeRelationshipNumber": number,
            "linkedEmployment": None,
            "employee": summary,
            "payrollAdministration": employer.payroll_administration,
            "nonPayrollAdministration": None,
            "employmentCategoryType": EMPLOYMENT_CATEGORY[1],
            "typeOfEmployee": TYPE_OF_EMPLOYEE[1 if rng.random() < 0.97 else 2],
            "employmentDurationType": EMPLOYMENT_DURATION[1 if indefinite else 2],
            "employmentContractType": EMPLOYMENT_CONTRACT[1],
            "cancellationPeriodTimeUnit": CANCELLATION_UNIT[4],
            "cancellationPeriodEmployee": 1,
            "cancellationPeriodEmployer": rng.choice((1, 2, 3)),
            "cancellationNoticeDate": (end - timedelta(days=31)).isoformat() if end and ended else None,
            "startCancellationNoticePeriod": (end - timedelta(days=30)).isoformat()
            if end and ended
            else None,
            "endOfEmploymentReason": END_OF_EMPLOYMENT_REASON[rng.randint(1, 4)] if ended else None,
            "endOfEmploymentDueToIllness": False,
            "essMutationSet": ESS_MUTATION_SET[1],
            "employeeProfileId": EMPLOYEE_PROFILE[1 if rng.random() < 0.6 else 2],
            "sendToExternalParty": NOT_APPLICABLE,
            "exemptionInsuranceObligation": NOT_APPLICABLE,
            "vacationCoupons": NOT_APPLICABLE,
            "isDirectorAndMajorShareholder": False,
            "isPreviousOwner": False,
            "isFamilyOfOwner": False,
            "isOnCallEmployment": rng.random() < 0.05,
            "isAnonymousEmployee": False,
            "writtenEmploymentContract": True,
            "calculateWorkingHours": True,
            "firstDayNotification": True,
            "professionCode": None,
            "namePayslip": " ".join(
                filter(None, (details["initials"], details["prefix"], details["lastName"]))
            ),
            "emailLeaveRequest": employee.row["contactInformation"]["businessEmailAddress"],
        }
        seed = EmploymentSeed(employee, row, start, end, rng.choices(HOURS_PER_WEEK, HOURS_WEIGHTS)[0])
        seed.entities = _entities(rng, seed, today)
        seeds.append(seed)
    return seeds


def _entities(rng: random.Random, employment: EmploymentSeed, today: date) -> list[dict[str, Any]]:
    employer = employment.employee.employer
    last = min(employment.end, today) if employment.end else today
    spans: list[tuple[date, date | None]] = [(employment.start, employment.end)]
    if (last - employment.start).days > 400 and rng.random() < 0.35:
        split = random_date(rng, employment.start + timedelta(days=180), last - timedelta(days=60))
        spans = [(employment.start, split - timedelta(days=1)), (split, employment.end)]
    rows: list[dict[str, Any]] = []
    functions = [f for f, _, _ in employer.functions]
    weights = [w for _, _, w in employer.functions]
    choice = rng.choices(range(len(functions)), weights)[0]
    for start, end in spans:
        if rows:  # a move: another function, or the same one in another department
            choice = rng.choices(range(len(functions)), weights)[0]
        function, departments, _ = employer.functions[choice]
        department = employer.departments[rng.choice(departments)]
        deviating = rng.choice(employer.profile.deviating_titles) if rng.random() < 0.1 else None
        rows.append(
            {
                "id": uuid_from(rng),
                "startDate": start.isoformat(),
                "endDate": end.isoformat() if end else None,
                "function": {
                    "key": function["id"],
                    "description": function["description"],
                    "group": function["group"],
                },
                "deviatingFunctionDescription": deviating,
                "deviatingFunctionGroup": (function["group"] + "+")
                if deviating and rng.random() < 0.4
                else None,
                "department": {
                    "key": department["id"],
                    "code": department["code"],
                    "description": department["description"],
                },
                "distributionUnit": rng.choice(employer.distribution_units) if rng.random() < 0.5 else None,
                "standardFunction": rng.choice(STANDARD_FUNCTIONS) if rng.random() < 0.2 else None,
                "placeOfEmployment": f"Locatie {employer.place.name}" if rng.random() < 0.3 else None,
                "internalTelephoneExtensionNumber": str(rng.randint(200, 899))
                if rng.random() < 0.4
                else None,
            }
        )
    return rows


def employment_minimized(row: dict[str, Any]) -> dict[str, Any]:
    """The fewer-fields employment of ``.../employees/employments/minimized``.

    Choice: the document lists no fields for it; we keep what a list of people's jobs
    needs: id, dates, payrollId, incomeRelationshipNumber, the embedded employee,
    the payroll administration's id/name/clientNumber, typeOfEmployee and
    employmentDurationType.
    """
    administration = row["payrollAdministration"]
    return {
        "id": row["id"],
        "startDate": row["startDate"],
        "endDate": row["endDate"],
        "historicalStartDate": row["historicalStartDate"],
        "payrollId": row["payrollId"],
        "incomeRelationshipNumber": row["incomeRelationshipNumber"],
        "employee": row["employee"],
        "payrollAdministration": {
            "id": administration["id"],
            "name": administration["name"],
            "clientNumber": administration["clientNumber"],
        },
        "typeOfEmployee": row["typeOfEmployee"],
        "employmentDurationType": row["employmentDurationType"],
    }
