"""Employer-wide views: actual organizational entities, an employer's leave requests, and the
absence and leave calendars; their shapes, contents and filters, checked against the seeded data."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import httpx
import pytest

from simulators.loket.memo import RECENT_LIMIT
from simulators.loket.store import LoketStore
from simulators.loket.views import actual_org_entities, calendar_leave, employer_leave_requests
from tests.simulators.loket.support import ALICE, API, Employers, assert_messages, everything

Row = dict[str, Any]
ENTITY_FIELDS = {
    "id",
    "startDate",
    "endDate",
    "function",
    "deviatingFunctionDescription",
    "deviatingFunctionGroup",
    "department",
    "distributionUnit",
    "standardFunction",
    "placeOfEmployment",
    "internalTelephoneExtensionNumber",
}
CALENDAR_EMPLOYMENT = {"id", "startDate", "endDate", "payrollId", "incomeRelationshipNumber", "employee"}
CALENDAR_EMPLOYEE = {
    "id",
    "employeeNumber",
    "firstName",
    "initials",
    "prefix",
    "lastName",
    "formattedName",
    "dateOfBirth",
}
CALENDAR = "employees/employments/calendar"


def _valid_on(store: LoketStore, employer: str, day: str) -> set[str]:
    data = store.data
    return {
        entity["id"]
        for employment in data.employments_by_employer[employer]
        for entity in data.org_entities.under(employment)
        if entity["startDate"] <= day and (entity["endDate"] is None or day <= entity["endDate"])
    }


async def test_actual_organizational_entities_are_the_entities_valid_on_the_reference_date(
    client: httpx.AsyncClient, store: LoketStore, employers: Employers
) -> None:
    data = store.data
    employer = employers.alice[0]
    url = f"{API}/{employer}/actualorganizationalentities"
    split = next(e for e in data.employments_by_employer[employer] if len(data.org_entities.children[e]) == 2)
    first, second = data.org_entities.under(split)
    for day in (first["endDate"], second["startDate"], "2015-06-30"):
        rows = await everything(client, url, referenceDate=day)
        assert {row["id"] for row in rows} == _valid_on(store, employer, day)
        assert len(rows) == len({row["id"] for row in rows})
    today = await everything(client, url)
    assert {row["id"] for row in today} == _valid_on(store, employer, data.today.isoformat())
    assert all(row == data.org_entities.rows[row["id"]] for row in today)
    assert set(today[0]) == ENTITY_FIELDS
    teachers = await everything(client, url, filter="function.description lk 'docent'")
    assert teachers and all("docent" in row["function"]["description"].lower() for row in teachers)
    bad = await client.get(url, params={"referenceDate": "24-11-2026"}, headers=ALICE)
    assert_messages(bad, 400, "BrokenBusinessRule", "'24-11-2026' is not valid for referenceDate")


async def test_actual_organizational_entities_carry_no_employment(
    client: httpx.AsyncClient, employers: Employers
) -> None:
    url = f"{API}/{employers.alice[0]}/actualorganizationalentities"
    response = await client.get(url, params={"filter": "employment.id eq null"}, headers=ALICE)
    assert_messages(response, 400, "BrokenBusinessRule", "unknown field 'employment.id'")


async def test_an_employers_leave_requests_are_the_rows_of_its_employments(
    client: httpx.AsyncClient, store: LoketStore, employers: Employers
) -> None:
    data = store.data
    employer = employers.alice[1]
    url = f"{API}/{employer}/employees/employments/leaverequests"
    rows = await everything(client, url)
    expected = [row for e in data.employments_by_employer[employer] for row in data.leave_requests.under(e)]
    assert rows == expected and rows
    assert "employment" not in rows[0]
    accepted = await everything(client, url, filter="leaveRequestStatus.key eq 9")
    assert accepted
    for request in accepted:
        employment = data.leave_requests.parent[request["id"]]
        entries = data.leave.under(employment)
        linked = [e for e in entries if (e["relatedLeaveRequest"] or {}).get("id") == request["id"]]
        assert len(linked) == 1 and linked[0]["numberOfUnits"] == request["numberOfUnits"]
        assert request["submittedBy"]["id"] == data.employments.parent[employment]
    pending = await everything(client, url, filter="leaveRequestStatus.key eq 1")
    assert pending and all(
        row["handledTime"] is None and row["startDate"] > data.today.isoformat() for row in pending
    )
    mine = await everything(client, url, filter="submittedBy.employeeNumber le 20")
    assert mine == [row for row in expected if row["submittedBy"]["employeeNumber"] <= 20] and mine


def _expected_absences(store: LoketStore, employer: str, first: str, last: str) -> set[tuple[str, str]]:
    data, expected = store.data, set()
    for employment in data.employments_by_employer[employer]:
        job = data.employments.rows[employment]
        low, high = max(first, job["startDate"]), min(last, job["endDate"] or last)
        for absence in data.absences.under(data.employments.parent[employment]):
            end = absence["endOfAbsence"]["date"] if absence["endOfAbsence"] else None
            if low <= high and absence["progress"]["startDate"] <= high and (end is None or low <= end):
                expected.add((employment, absence["id"]))
    return expected


def _assert_calendar_employment(store: LoketStore, reference: Row) -> None:
    assert set(reference) == CALENDAR_EMPLOYMENT and set(reference["employee"]) == CALENDAR_EMPLOYEE
    job = store.data.employments.rows[reference["id"]]
    assert {key: job[key] for key in CALENDAR_EMPLOYMENT - {"employee"}} == {
        key: reference[key] for key in CALENDAR_EMPLOYMENT - {"employee"}
    }
    assert reference["employee"] == {key: job["employee"][key] for key in CALENDAR_EMPLOYEE}


async def test_calendar_absences_group_the_overlapping_absences_per_employment(
    client: httpx.AsyncClient, store: LoketStore, employers: Employers
) -> None:
    employer, first, last = employers.alice[0], "2026-01-01", "2026-06-30"
    url = f"{API}/{employer}/{CALENDAR}/absences"
    rows = await everything(client, url, startDate=first, endDate=last)
    got = {(row["employment"]["id"], item["id"]) for row in rows for item in row["absences"]}
    assert got == _expected_absences(store, employer, first, last) and got
    assert all(set(row) == {"employment", "absences"} and row["absences"] for row in rows)
    _assert_calendar_employment(store, rows[0]["employment"])
    item = rows[0]["absences"][0]
    assert set(item) == {
        "id",
        "startDate",
        "endDate",
        "causeOfAbsence",
        "incapacityPercentage",
        "absenceProgress",
    }
    assert item["absenceProgress"][0]["startDate"] == item["startDate"]


@pytest.mark.parametrize("kind", ["absences", "leave"])
async def test_calendars_filter_on_the_employment_and_its_employee(
    client: httpx.AsyncClient, employers: Employers, kind: str
) -> None:
    url = f"{API}/{employers.alice[0]}/{CALENDAR}/{kind}"
    period = {"startDate": "2024-01-01", "endDate": "2026-11-24"}
    rows = await everything(client, url, **period)
    numbers = sorted({row["employment"]["employee"]["employeeNumber"] for row in rows})
    low, high = numbers[1], numbers[-2]
    picked = await everything(
        client,
        url,
        filter=f"employment.employee.employeeNumber eq {low} or employment.employee.employeeNumber eq {high}",
        **period,
    )
    assert picked == [row for row in rows if row["employment"]["employee"]["employeeNumber"] in (low, high)]
    employee = rows[2]["employment"]["employee"]["id"]
    by_employee = await everything(client, url, filter=f"employment.employee.id eq '{employee}'", **period)
    assert by_employee == [row for row in rows if row["employment"]["employee"]["id"] == employee]
    employment = rows[3]["employment"]["id"]
    by_employment = await everything(client, url, filter=f"employment.id eq '{employment}'", **period)
    assert by_employment == [rows[3]]
    ordered = await everything(client, url, orderBy="-employment.employee.employeeNumber", **period)
    assert [row["employment"]["employee"]["employeeNumber"] for row in ordered] == sorted(
        (row["employment"]["employee"]["employeeNumber"] for row in rows), reverse=True
    )
    page = await client.get(url, params=period | {"pageSize": 5, "pageNumber": 2}, headers=ALICE)
    body = page.json()
    assert (body["pageSize"], body["currentPage"], body["totalSize"]) == (5, 2, len(rows))
    assert body["_embedded"] == rows[5:10]


async def test_calendar_leave_lists_taken_leave_overlapping_the_period_per_employment(
    client: httpx.AsyncClient, store: LoketStore, employers: Employers
) -> None:
    data = store.data
    employer, first, last = employers.alice[1], "2026-03-01", "2026-05-31"
    rows = await everything(client, f"{API}/{employer}/{CALENDAR}/leave", startDate=first, endDate=last)
    got = {(row["employment"]["id"], item["id"]) for row in rows for item in row["leave"]}
    expected = {
        (employment, entry["id"])
        for employment in data.employments_by_employer[employer]
        for entry in data.leave.under(employment)
        if not entry["isAccrual"] and entry["startDate"] <= last and first <= entry["endDate"]
    }
    assert got == expected and got
    assert all(set(row) == {"employment", "leave"} and row["leave"] for row in rows)
    _assert_calendar_employment(store, rows[0]["employment"])
    item = rows[0]["leave"][0]
    assert set(item) == {"id", "startDate", "endDate", "numberOfUnits", "unitType", "leaveType", "comment"}
    entry = data.leave.rows[item["id"]]
    assert {key: entry[key] for key in item} == item
    assert set(entry["leaveType"]) == {"key", "value", "balanceExceedsYear"}


@pytest.mark.parametrize("kind", ["absences", "leave"])
@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({}, "'startDate' is required"),
        ({"startDate": "2026-01-01"}, "'endDate' is required"),
        ({"endDate": "2026-01-01"}, "'startDate' is required"),
        ({"startDate": "2026-01-01", "endDate": "2026-02-30"}, "'2026-02-30' is not valid for endDate"),
        ({"startDate": "1-1-2026", "endDate": "2026-02-01"}, "'1-1-2026' is not valid for startDate"),
        ({"startDate": "2026-03-01", "endDate": "2026-02-01"}, "may not be before startDate"),
    ],
)
async def test_calendars_need_a_valid_period(
    client: httpx.AsyncClient, employers: Employers, kind: str, params: dict[str, str], words: str
) -> None:
    url = f"{API}/{employers.alice[0]}/{CALENDAR}/{kind}"
    assert_messages(await client.get(url, params=params, headers=ALICE), 400, "BrokenBusinessRule", words)


async def test_the_employer_wide_leave_list_is_not_served(
    client: httpx.AsyncClient, employers: Employers
) -> None:
    response = await client.get(f"{API}/{employers.alice[0]}/leave", headers=ALICE)
    assert response.status_code == 404
    assert "No HTTP resource was found" in response.json()["message"]


def test_unchanging_views_are_built_once_per_employer_and_dated_ones_stay_bounded(
    store: LoketStore, employers: Employers
) -> None:
    employer, today = employers.alice[0], store.data.today
    assert actual_org_entities(store, employer, today) is actual_org_entities(store, employer, today)
    assert employer_leave_requests(store, employer) is employer_leave_requests(store, employer)
    calendar_leave(store, employer, today.replace(month=1, day=1), today)
    kept = len(store.memo)
    calendar_leave(store, employer, date(2025, 1, 1), today)  # another period: nothing new is built
    assert len(store.memo) == kept
    for offset in range(3 * RECENT_LIMIT):
        actual_org_entities(store, employer, today - timedelta(days=offset))
    assert len(store.memo) <= kept + RECENT_LIMIT
