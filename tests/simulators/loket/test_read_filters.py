"""Per-item reads with the filters a client narrows them by: one employee's employments and
absences, one employment's organizational entities and leave, and employees or employments
picked by id or number. Expected rows are computed from the seeded data."""

from __future__ import annotations

from typing import Any

import httpx

from simulators.loket.store import LoketStore
from tests.simulators.loket.support import ALICE, API, Employers, assert_messages, everything

Row = dict[str, Any]
TODAY = "2026-11-24"
YEAR_AGO = "2025-11-24"


def _employee_with(store: LoketStore, employer: str, wanted: Any) -> str:
    return next(e for e in store.data.employees.children[employer] if wanted(e))


async def test_an_employees_employments_embed_the_employee_summary(
    client: httpx.AsyncClient, store: LoketStore, employers: Employers
) -> None:
    data = store.data
    employee = _employee_with(store, employers.alice[0], lambda e: len(data.employments.children[e]) == 2)
    rows = await everything(client, f"{API}/employees/{employee}/employments")
    assert rows == data.employments.under(employee)
    summary = rows[0]["employee"]
    assert (
        summary["id"] == employee
        and summary["employeeNumber"] == data.employees.rows[employee]["employeeNumber"]
    )
    assert {"incomeRelationshipNumber", "payrollId"} <= set(rows[0])
    assert [row["incomeRelationshipNumber"] for row in rows] == [1, 2]


async def test_an_employees_absences_of_a_period_with_open_ones(
    client: httpx.AsyncClient, store: LoketStore, employers: Employers
) -> None:
    data = store.data
    text = f"progress.startDate le '{TODAY}' and (endOfAbsence eq null or endOfAbsence.date ge '{YEAR_AGO}')"
    found_open = found_closed = False
    for employer in employers.alice:
        for employee in data.employees.children[employer]:
            absences = data.absences.under(employee)
            expected = [
                row
                for row in absences
                if row["progress"]["startDate"] <= TODAY
                and (row["endOfAbsence"] is None or row["endOfAbsence"]["date"] >= YEAR_AGO)
            ]
            is_open = any(row["endOfAbsence"] is None for row in absences)
            if not (is_open and not found_open) and not (len(expected) < len(absences) and not found_closed):
                continue  # nothing this employee shows that was not seen yet
            rows = await everything(client, f"{API}/employees/{employee}/absences", filter=text)
            assert rows == expected
            found_open |= is_open
            found_closed |= len(expected) < len(absences)
            if found_open and found_closed:
                return
    raise AssertionError("no employee with an open absence and one with an old one")


async def test_object_fields_can_be_tested_for_null_but_not_compared(
    client: httpx.AsyncClient, store: LoketStore, employers: Employers
) -> None:
    data = store.data
    employee = _employee_with(
        store,
        employers.alice[0],
        lambda e: {row["endOfAbsence"] is None for row in data.absences.under(e)} == {True, False},
    )
    url = f"{API}/employees/{employee}/absences"
    still_open = await everything(client, url, filter="endOfAbsence eq null")
    closed = await everything(client, url, filter="ENDOFABSENCE ne null")
    assert still_open and closed and len(still_open) + len(closed) == len(data.absences.under(employee))
    assert all(row["endOfAbsence"] is None for row in still_open)
    response = await client.get(url, params={"filter": "endOfAbsence eq 'x'"}, headers=ALICE)
    assert_messages(response, 400, "BrokenBusinessRule", "'endOfAbsence' is an object")
    response = await client.get(url, params={"filter": "endOfAbsence gt null"}, headers=ALICE)
    assert_messages(response, 400, "BrokenBusinessRule", "use one of its fields: endOfAbsence.date")


async def test_an_employments_organizational_entity_valid_on_a_day(
    client: httpx.AsyncClient, store: LoketStore, employers: Employers
) -> None:
    data = store.data
    text = f"startDate le '{TODAY}' and (endDate eq null or endDate ge '{TODAY}')"
    split = [
        e for e in data.employments_by_employer[employers.alice[0]] if len(data.org_entities.children[e]) == 2
    ]
    for employment in split[:5]:
        rows = await everything(
            client, f"{API}/employees/employments/{employment}/organizationalentities", filter=text
        )
        expected = [
            row
            for row in data.org_entities.under(employment)
            if row["startDate"] <= TODAY and (row["endDate"] is None or row["endDate"] >= TODAY)
        ]
        assert rows == expected and len(rows) <= 1


async def test_an_employments_taken_leave_in_a_period(
    client: httpx.AsyncClient, store: LoketStore, employers: Employers
) -> None:
    data = store.data
    text = f"isAccrual eq false and startDate le '{TODAY}' and endDate ge '{YEAR_AGO}'"
    employment = next(
        e for e in data.employments_by_employer[employers.alice[1]] if data.leave.children.get(e)
    )
    rows = await everything(client, f"{API}/employees/employments/{employment}/leave", filter=text)
    expected = [
        row
        for row in data.leave.under(employment)
        if not row["isAccrual"] and row["startDate"] <= TODAY and row["endDate"] >= YEAR_AGO
    ]
    assert rows == expected and rows and len(rows) < len(data.leave.under(employment))


async def test_employees_picked_by_id_and_employments_by_employee_number(
    client: httpx.AsyncClient, store: LoketStore, employers: Employers
) -> None:
    data, employer = store.data, employers.alice[0]
    chosen = data.employees.children[employer][10], data.employees.children[employer][200]
    rows = await everything(
        client, f"{API}/{employer}/employees", filter=f"id eq '{chosen[0]}' or id eq '{chosen[1].upper()}'"
    )
    assert [row["id"] for row in rows] == list(chosen)
    jobs = await everything(
        client,
        f"{API}/{employer}/employees/employments",
        filter="employee.employeeNumber eq 3 or employee.employeeNumber eq 9",
    )
    expected = [
        data.employments.rows[e]
        for e in data.employments_by_employer[employer]
        if data.employments.rows[e]["employee"]["employeeNumber"] in (3, 9)
    ]
    assert jobs == expected and {row["employee"]["employeeNumber"] for row in jobs} == {3, 9}
