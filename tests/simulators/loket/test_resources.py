"""The GET resources: envelopes, ETags, and contents checked against the seeded data."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import httpx
import pytest

from simulators.loket.store import LoketStore
from tests.simulators.loket.support import ALICE, API, Employers, everything, get_json, urls_below

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
    employer = (await get_json(client, f"{API}/{employers.alice[1]}"))["content"]
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
    employee = (await get_json(client, f"{API}/employees/{employee_id}"))["content"]
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
