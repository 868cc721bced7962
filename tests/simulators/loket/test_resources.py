"""The GET resources: envelopes, ETags, and contents checked against the seeded data."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import httpx
import pytest

from simulators.loket.store import LoketStore
from tests.simulators.loket.support import ALICE, API, Employers, assert_messages, urls_below

Row = dict[str, Any]
ITEMS = [
    "employer",
    "employee",
    "employment",
    "org entity",
    "department",
    "function",
    "absence",
    "absence progress item",
    "leave item",
    "leave request",
]


async def get(client: httpx.AsyncClient, url: str, **params: Any) -> dict[str, Any]:
    response = await client.get(url, params=params, headers=ALICE)
    assert response.status_code == 200, response.text
    return dict(response.json())


async def everything(client: httpx.AsyncClient, url: str, **params: Any) -> list[Row]:
    """Every row of a list, page by page."""
    rows: list[Row] = []
    page = 1
    while True:
        body = await get(client, url, pageSize=1000, pageNumber=page, **params)
        rows.extend(body["_embedded"])
        if page >= body["totalPages"]:
            assert len(rows) == body["totalSize"]
            return rows
        page += 1


@pytest.mark.parametrize("resource", ITEMS)
async def test_single_items_come_in_the_content_envelope_with_an_etag(
    client: httpx.AsyncClient, store: LoketStore, employers: Employers, resource: str
) -> None:
    url = urls_below(store, employers.alice[0])[resource]
    response = await client.get(url, headers=ALICE)
    assert response.status_code == 200
    body = response.json()
    assert list(body) == ["version", "messages", "content"] and body["messages"] == []
    assert body["content"]["id"] == url.rsplit("/", 1)[1]
    etag = response.headers["etag"]
    assert etag.startswith('"') and etag.endswith('"') and len(etag) > 10
    assert (await client.get(url, headers=ALICE)).headers["etag"] == etag


async def test_employer_and_employee_items_are_the_seeded_rows(
    client: httpx.AsyncClient, store: LoketStore, employers: Employers
) -> None:
    employer = (await get(client, f"{API}/{employers.alice[1]}"))["content"]
    assert employer == store.data.employers.rows[employers.alice[1]]
    assert {
        "id",
        "employerNumber",
        "companyName",
        "address",
        "contactInformation",
        "providerSettings",
    } <= set(employer)
    employee_id = store.data.employees.children[employers.alice[1]][3]
    employee = (await get(client, f"{API}/employees/{employee_id}"))["content"]
    assert employee == store.data.employees.rows[employee_id]
    details = employee["personalDetails"]
    assert {"firstName", "lastName", "prefix", "initials", "formattedName", "dateOfBirth", "gender"} <= set(
        details
    )


async def test_minimized_lists_carry_fewer_fields_for_the_same_rows(
    client: httpx.AsyncClient, employers: Employers
) -> None:
    full = await everything(client, f"{API}/{employers.alice[0]}/employees/employments")
    small = await everything(client, f"{API}/{employers.alice[0]}/employees/employments/minimized")
    assert [row["id"] for row in small] == [row["id"] for row in full]
    assert set(small[0]) < set(full[0])
    assert small[0]["employee"] == full[0]["employee"]
    employers_small = await everything(client, f"{API}/minimized")
    assert set(employers_small[0]) == {
        "id",
        "employerNumber",
        "companyName",
        "employerLogo",
        "providerLogo",
        "branch",
        "providerSettings",
        "address",
        "contact",
        "contactInformation",
    }


async def test_employments_of_an_employee_and_their_organizational_entities_form_a_chain(
    client: httpx.AsyncClient, store: LoketStore, employers: Employers
) -> None:
    data = store.data
    employee = next(
        e for e in data.employees.children[employers.alice[0]] if len(data.employments.children[e]) == 2
    )
    employments = await everything(client, f"{API}/employees/{employee}/employments")
    assert employments == data.employments.under(employee)
    assert all(row["employee"]["id"] == employee for row in employments)
    first, second = employments
    assert first["endDate"] is not None and first["endDate"] < second["startDate"]
    split = next(
        e for e in data.employments_by_employer[employers.alice[0]] if len(data.org_entities.children[e]) == 2
    )
    entities = await everything(client, f"{API}/employees/employments/{split}/organizationalentities")
    day_after = date.fromisoformat(entities[0]["endDate"]) + timedelta(days=1)
    assert entities[1]["startDate"] == day_after.isoformat()
    assert entities[0]["startDate"] == data.employments.rows[split]["startDate"]


async def test_actual_organizational_entities_follow_the_reference_date(
    client: httpx.AsyncClient, store: LoketStore, employers: Employers
) -> None:
    data = store.data
    employer = employers.alice[0]
    url = f"{API}/{employer}/actualorganizationalentities"

    def valid_on(day: str) -> dict[str, str]:
        chosen = {}
        for employment in data.employments_by_employer[employer]:
            for entity in data.org_entities.under(employment):
                if entity["startDate"] <= day and (entity["endDate"] is None or day <= entity["endDate"]):
                    chosen[employment] = entity["id"]
        return chosen

    split = next(e for e in data.employments_by_employer[employer] if len(data.org_entities.children[e]) == 2)
    first, second = data.org_entities.under(split)
    for day in (first["endDate"], second["startDate"], data.today.isoformat(), "2015-06-30"):
        rows = await everything(client, url, referenceDate=day)
        assert {row["employment"]["id"]: row["id"] for row in rows} == valid_on(day)
    today = await everything(client, url)
    assert {row["employment"]["id"]: row["id"] for row in today} == valid_on(data.today.isoformat())
    at_split = await everything(
        client, url, referenceDate=first["endDate"], filter=f"employment.id eq '{split}'"
    )
    assert [row["id"] for row in at_split] == [first["id"]]
    teachers = await everything(client, url, filter="function.description lk 'docent'")
    assert teachers and all("docent" in row["function"]["description"].lower() for row in teachers)
    bad = await client.get(url, params={"referenceDate": "24-11-2026"}, headers=ALICE)
    assert_messages(bad, 400, "BrokenBusinessRule", "'24-11-2026' is not valid for referenceDate")


async def test_departments_and_functions_belong_to_the_employer(
    client: httpx.AsyncClient, store: LoketStore, employers: Employers
) -> None:
    employer = employers.alice[0]
    departments = await everything(client, f"{API}/{employer}/departments")
    assert departments == store.data.departments.under(employer)
    codes = {row["id"]: row["code"] for row in departments}
    parents = [row["subDepartmentOf"] for row in departments if row["subDepartmentOf"]]
    assert parents and all(codes[parent["key"]] == parent["code"] for parent in parents)
    assert "Financiële administratie" in {row["description"] for row in departments}
    functions = await everything(client, f"{API}/{employer}/functions", orderBy="description")
    assert "Docent wiskunde" in [row["description"] for row in functions]
    assert [row["description"] for row in functions] == sorted(
        (row["description"] for row in functions), key=str.casefold
    )


async def test_leave_per_employment_and_per_employer_are_the_same_entries(
    client: httpx.AsyncClient, store: LoketStore, employers: Employers
) -> None:
    data = store.data
    employer = employers.alice[1]
    per_employer = await everything(client, f"{API}/{employer}/leave", orderBy="startDate")
    assert len(per_employer) > 1000
    expected = [(e, row["id"]) for e in data.employments_by_employer[employer] for row in data.leave.under(e)]
    assert sorted((row["employment"]["id"], row["id"]) for row in per_employer) == sorted(expected)
    employment = per_employer[0]["employment"]["id"]
    own = await everything(client, f"{API}/employees/employments/{employment}/leave")
    assert own == data.leave.under(employment)
    taken = await everything(
        client, f"{API}/{employer}/leave", filter="isAccrual eq false and leaveType.key eq 2"
    )
    assert all(not row["isAccrual"] and row["leaveType"]["key"] == 2 for row in taken) and taken


async def test_accepted_leave_requests_have_their_leave_entry(
    client: httpx.AsyncClient, store: LoketStore, employers: Employers
) -> None:
    employer = employers.alice[1]
    accepted = await everything(
        client, f"{API}/{employer}/employees/employments/leaverequests", filter="leaveRequestStatus.key eq 9"
    )
    assert accepted
    for request in accepted:
        entries = store.data.leave.under(request["employment"]["id"])
        linked = [e for e in entries if (e["relatedLeaveRequest"] or {}).get("id") == request["id"]]
        assert len(linked) == 1 and linked[0]["numberOfUnits"] == request["numberOfUnits"]
        assert request["submittedBy"]["id"] == request["employment"]["employee"]["id"]
    pending = await everything(
        client, f"{API}/{employer}/employees/employments/leaverequests", filter="leaveRequestStatus.key eq 1"
    )
    assert pending and all(
        row["handledTime"] is None and row["startDate"] > store.data.today.isoformat() for row in pending
    )


async def test_leave_balances_add_up_from_the_leave_entries(
    client: httpx.AsyncClient, store: LoketStore, employers: Employers
) -> None:
    data = store.data
    employment = next(
        e for e in data.employments_by_employer[employers.alice[0]] if data.leave.children.get(e)
    )
    rows = await everything(client, f"{API}/employees/employments/{employment}/leavebalances")
    assert rows
    for row in rows:
        entries = [
            e
            for e in data.leave.under(employment)
            if e["startDate"][:4] == str(row["year"]) and e["leaveType"]["key"] == row["leaveType"]["key"]
        ]
        assert row["accrual"] == sum(e["numberOfUnits"] for e in entries if e["isAccrual"])
        assert row["usage"] == sum(e["numberOfUnits"] for e in entries if not e["isAccrual"])
        assert row["balance"] == row["balancePreviousYear"] + row["accrual"] - row["usage"]
    year = data.today.year
    employer_rows = await everything(client, f"{API}/{employers.alice[0]}/leavebalances")
    assert {row["year"] for row in employer_rows} == {year}
    mine = [
        {k: v for k, v in row.items() if k != "employment"}
        for row in employer_rows
        if row["employment"]["id"] == employment
    ]
    assert mine == [row for row in rows if row["year"] == year]
    last_year = await everything(
        client, f"{API}/{employers.alice[0]}/leavebalances", referenceDate=f"{year - 1}-06-30"
    )
    assert {row["year"] for row in last_year} == {year - 1}
    statutory = await client.get(
        f"{API}/{employers.alice[0]}/leavebalances",
        params=[("leaveType", "2"), ("pageSize", "1000")],
        headers=ALICE,
    )
    assert {row["leaveType"]["key"] for row in statutory.json()["_embedded"]} == {2}
    bad = await client.get(
        f"{API}/{employers.alice[0]}/leavebalances", params={"leaveType": "x"}, headers=ALICE
    )
    assert_messages(bad, 400, "BrokenBusinessRule", "'x' is not valid for leaveType")


async def test_calendar_absences_group_the_overlapping_absences_per_employment(
    client: httpx.AsyncClient, store: LoketStore, employers: Employers
) -> None:
    data = store.data
    employer, first, last = employers.alice[0], "2026-01-01", "2026-06-30"
    rows = await everything(
        client, f"{API}/{employer}/employees/employments/calendar/absences", startDate=first, endDate=last
    )
    got = {(row["employment"]["id"], item["id"]) for row in rows for item in row["absences"]}
    expected = set()
    for employment in data.employments_by_employer[employer]:
        job = data.employments.rows[employment]
        low, high = max(first, job["startDate"]), min(last, job["endDate"] or last)
        for absence in data.absences.under(data.employments.parent[employment]):
            end = absence["endOfAbsence"]["date"] if absence["endOfAbsence"] else None
            if low <= high and absence["progress"]["startDate"] <= high and (end is None or low <= end):
                expected.add((employment, absence["id"]))
    assert got == expected and got
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


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({}, "'startDate' is required"),
        ({"startDate": "2026-01-01"}, "'endDate' is required"),
        ({"startDate": "2026-01-01", "endDate": "2026-02-30"}, "'2026-02-30' is not valid for endDate"),
        ({"startDate": "2026-03-01", "endDate": "2026-02-01"}, "may not be before startDate"),
    ],
)
async def test_calendar_needs_a_valid_period(
    client: httpx.AsyncClient, employers: Employers, params: dict[str, str], words: str
) -> None:
    url = f"{API}/{employers.alice[0]}/employees/employments/calendar/absences"
    assert_messages(await client.get(url, params=params, headers=ALICE), 400, "BrokenBusinessRule", words)
