"""Employers, employees and employments (GET)."""

from __future__ import annotations

from simulators.loket import versions as v
from simulators.loket.api import Call, Item, Operation, Page
from simulators.loket.dataset import Row
from simulators.loket.store import LoketStore

BASE = "/v2/providers/employers"


async def list_employers(call: Call) -> Page:
    user = call.user
    return Page([row for row in call.store.data.employers if user.may_see(row["id"])])


async def list_employers_minimized(call: Call) -> Page:
    user, rows = call.user, call.store.data.employers_minimized
    return Page([row for ident, row in rows.items() if user.may_see(ident)])


async def get_employer(call: Call) -> Item:
    return Item(call.store.employer(call.user, call.path("employerId")))


async def list_employees(call: Call) -> Page:
    employer = call.store.employer(call.user, call.path("employerId"))
    return Page(call.store.data.employees.under(employer["id"]))


async def get_employee(call: Call) -> Item:
    return Item(call.store.employee(call.user, call.path("employeeId")))


async def list_employee_employments(call: Call) -> Page:
    employee = call.store.employee(call.user, call.path("employeeId"))
    return Page(call.store.data.employments.under(employee["id"]))


async def list_employer_employments(call: Call) -> Page:
    employer = call.store.employer(call.user, call.path("employerId"))
    data = call.store.data
    return Page([data.employments.rows[i] for i in data.employments_by_employer.get(employer["id"], ())])


async def list_employer_employments_minimized(call: Call) -> Page:
    employer = call.store.employer(call.user, call.path("employerId"))
    data = call.store.data
    return Page([data.employments_minimized[i] for i in data.employments_by_employer.get(employer["id"], ())])


async def get_employment(call: Call) -> Item:
    return Item(call.store.employment(call.user, call.path("employmentId")))


def _employers(store: LoketStore) -> list[Row]:
    return list(store.data.employers)


def _employers_minimized(store: LoketStore) -> list[Row]:
    return list(store.data.employers_minimized.values())


def _employees(store: LoketStore) -> list[Row]:
    return list(store.data.employees)


def _employments(store: LoketStore) -> list[Row]:
    return list(store.data.employments)


def _employments_minimized(store: LoketStore) -> list[Row]:
    return list(store.data.employments_minimized.values())


ROUTES: list[tuple[str, dict[str, Operation]]] = [
    (BASE, {"GET": Operation(list_employers, v.EMPLOYER, "employer", _employers)}),
    (
        f"{BASE}/minimized",
        {"GET": Operation(list_employers_minimized, v.EMPLOYER, "employer_minimized", _employers_minimized)},
    ),
    (f"{BASE}/{{employerId}}", {"GET": Operation(get_employer, v.EMPLOYER)}),
    (
        f"{BASE}/{{employerId}}/employees",
        {"GET": Operation(list_employees, v.EMPLOYEE, "employee", _employees)},
    ),
    (f"{BASE}/employees/{{employeeId}}", {"GET": Operation(get_employee, v.EMPLOYEE)}),
    (
        f"{BASE}/employees/{{employeeId}}/employments",
        {"GET": Operation(list_employee_employments, v.EMPLOYMENT, "employment", _employments)},
    ),
    (
        f"{BASE}/{{employerId}}/employees/employments",
        {"GET": Operation(list_employer_employments, v.EMPLOYMENT_BY_EMPLOYER, "employment", _employments)},
    ),
    (
        f"{BASE}/{{employerId}}/employees/employments/minimized",
        {
            "GET": Operation(
                list_employer_employments_minimized,
                v.EMPLOYMENT_MINIMIZED,
                "employment_minimized",
                _employments_minimized,
            )
        },
    ),
    (f"{BASE}/employees/employments/{{employmentId}}", {"GET": Operation(get_employment, v.EMPLOYMENT)}),
]
