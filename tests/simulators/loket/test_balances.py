"""Leave balances per employment and employer-wide (BrynQ's LeaveBalanceGet shape), checked
against the leave entries they are computed from."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from simulators.loket.store import LoketStore
from tests.simulators.loket.support import ALICE, API, Employers, assert_messages, everything

Row = dict[str, Any]
ROW_FIELDS = [
    "id",
    "startDate",
    "historicalStartDate",
    "endDate",
    "payrollAdministration",
    "nonPayrollAdministration",
    "incomeRelationshipNumber",
    "employee",
    "organizationalEntity",
    "leaveBalance",
]
EMPLOYEE_FIELDS = {
    "id",
    "employeeNumber",
    "firstName",
    "initials",
    "prefix",
    "lastName",
    "prefixPartner",
    "lastNamePartner",
    "formattedName",
    "dateOfBirth",
    "photo",
}
ENTITY_FIELDS = {
    "startDate",
    "endDate",
    "department",
    "function",
    "standardFunction",
    "deviatingFunctionGroup",
    "deviatingFunctionDescription",
    "placeOfEmployment",
}
ITEM_FIELDS = [
    "year",
    "leaveType",
    "balancePreviousYear",
    "accrual",
    "usageTotal",
    "usageThroughReferenceDate",
    "usageAfterReferenceDate",
    "usageFirstHalfYear",
    "balance",
    "expires",
]


@pytest.fixture(scope="module")
def employment(store: LoketStore, employers: Employers) -> str:
    data = store.data
    return next(e for e in data.employments_by_employer[employers.alice[0]] if data.leave.children.get(e))


async def test_balances_of_an_employment_add_up_from_its_leave_entries(
    client: httpx.AsyncClient, store: LoketStore, employment: str
) -> None:
    rows = await everything(client, f"{API}/employees/employments/{employment}/leavebalances")
    assert rows
    for row in rows:
        entries = [
            e
            for e in store.data.leave.under(employment)
            if e["startDate"][:4] == str(row["year"]) and e["leaveType"]["key"] == row["leaveType"]["key"]
        ]
        assert row["accrual"] == sum(e["numberOfUnits"] for e in entries if e["isAccrual"])
        assert row["usage"] == sum(e["numberOfUnits"] for e in entries if not e["isAccrual"])
        assert row["balance"] == row["balancePreviousYear"] + row["accrual"] - row["usage"]


def _active_in(store: LoketStore, employer: str, year: int) -> list[str]:
    jobs = store.data.employments
    return [
        e
        for e in store.data.employments_by_employer[employer]
        if jobs.rows[e]["startDate"] <= f"{year}-12-31"
        and (jobs.rows[e]["endDate"] is None or jobs.rows[e]["endDate"] >= f"{year}-01-01")
    ]


async def test_employer_balances_are_one_employment_rooted_row_per_employment_of_the_year(
    client: httpx.AsyncClient, store: LoketStore, employers: Employers
) -> None:
    data, employer = store.data, employers.alice[0]
    rows = await everything(client, f"{API}/{employer}/leavebalances")
    active = _active_in(store, employer, data.today.year)
    assert len(rows) == len(active) < len(data.employments_by_employer[employer])
    for row, employment in zip(rows, active, strict=True):
        job = data.employments.rows[employment]
        assert list(row) == ROW_FIELDS
        assert set(row["employee"]) == EMPLOYEE_FIELDS and row["employee"] == job["employee"]
        assert (row["startDate"], row["endDate"], row["incomeRelationshipNumber"]) == (
            job["startDate"],
            job["endDate"],
            job["incomeRelationshipNumber"],
        )
        assert list(row["payrollAdministration"]) == ["id", "name", "clientNumber", "description"]
        assert row["id"] != employment
    assert len({row["id"] for row in rows}) == len(rows)
    again = await everything(client, f"{API}/{employer}/leavebalances")
    assert [row["id"] for row in again] == [row["id"] for row in rows]


async def test_the_reference_date_picks_the_organizational_entity_the_year_and_the_usage_split(
    client: httpx.AsyncClient, store: LoketStore, employers: Employers
) -> None:
    data, employer = store.data, employers.alice[0]
    split = next(e for e in data.employments_by_employer[employer] if len(data.org_entities.children[e]) == 2)
    first, second = data.org_entities.under(split)
    employee_number = data.employments.rows[split]["employee"]["employeeNumber"]
    for entity in (first, second):
        day = entity["startDate"]
        rows = await everything(
            client,
            f"{API}/{employer}/leavebalances",
            referenceDate=day,
            filter=f"employee.employeeNumber eq {employee_number}",
        )
        (row,) = [r for r in rows if r["startDate"] == data.employments.rows[split]["startDate"]]
        assert set(row["organizationalEntity"]) == ENTITY_FIELDS
        assert row["organizationalEntity"] == {key: entity[key] for key in ENTITY_FIELDS}
        assert {item["year"] for item in row["leaveBalance"]} <= {int(day[:4])}
    ended = await everything(client, f"{API}/{employer}/leavebalances", filter="endDate lt '2026-06-01'")
    assert ended and all(row["organizationalEntity"] is None for row in ended)


async def test_balance_items_follow_the_leave_entries_of_the_reference_year(
    client: httpx.AsyncClient, store: LoketStore, employers: Employers, employment: str
) -> None:
    data = store.data
    day = f"{data.today.year}-06-30"
    own = await everything(client, f"{API}/employees/employments/{employment}/leavebalances")
    employee = data.employments.rows[employment]["employee"]["id"]
    rows = await everything(
        client,
        f"{API}/{employers.alice[0]}/leavebalances",
        referenceDate=day,
        filter=f"employee.id eq '{employee}'",
    )
    (row,) = [r for r in rows if r["startDate"] == data.employments.rows[employment]["startDate"]]
    assert row["leaveBalance"]
    for item in row["leaveBalance"]:
        assert list(item) == ITEM_FIELDS and set(item["leaveType"]) == {"key", "value", "balanceExceedsYear"}
        (same,) = [b for b in own if (b["year"], b["leaveType"]) == (item["year"], item["leaveType"])]
        assert (item["balancePreviousYear"], item["accrual"], item["usageTotal"], item["balance"]) == (
            same["balancePreviousYear"],
            same["accrual"],
            same["usage"],
            same["balance"],
        )
        taken = [
            e
            for e in data.leave.under(employment)
            if not e["isAccrual"]
            and e["startDate"][:4] == day[:4]
            and e["leaveType"]["key"] == item["leaveType"]["key"]
        ]
        assert item["usageThroughReferenceDate"] == sum(
            e["numberOfUnits"] for e in taken if e["startDate"] <= day
        )
        assert item["usageThroughReferenceDate"] + item["usageAfterReferenceDate"] == item["usageTotal"]
        assert item["usageFirstHalfYear"] == sum(
            e["numberOfUnits"] for e in taken if e["startDate"] < day[:5] + "07-01"
        )
    last_year = await everything(
        client, f"{API}/{employers.alice[0]}/leavebalances", referenceDate=f"{data.today.year - 1}-06-30"
    )
    assert {item["year"] for row in last_year for item in row["leaveBalance"]} == {data.today.year - 1}


async def test_leave_type_keeps_only_the_balance_items_of_those_types(
    client: httpx.AsyncClient, employers: Employers
) -> None:
    url = f"{API}/{employers.alice[0]}/leavebalances"
    everyone = await everything(client, url)
    statutory = await client.get(url, params=[("leaveType", "2"), ("pageSize", "1000")], headers=ALICE)
    rows = statutory.json()["_embedded"]
    assert len(rows) == min(1000, len(everyone))
    assert {item["leaveType"]["key"] for row in rows for item in row["leaveBalance"]} == {2}
    both = await client.get(url, params=[("leaveType", "1"), ("leaveType", "2")], headers=ALICE)
    assert {item["leaveType"]["key"] for row in both.json()["_embedded"] for item in row["leaveBalance"]} == {
        1,
        2,
    }
    bad = await client.get(url, params={"leaveType": "x"}, headers=ALICE)
    assert_messages(bad, 400, "BrokenBusinessRule", "'x' is not valid for leaveType")


async def test_employer_balances_filter_order_and_page_on_nested_fields(
    client: httpx.AsyncClient, employers: Employers
) -> None:
    url = f"{API}/{employers.alice[0]}/leavebalances"
    rows = await everything(client, url)
    picked = await everything(
        client, url, filter="employee.employeeNumber eq 3 or employee.employeeNumber eq 9"
    )
    assert picked == [row for row in rows if row["employee"]["employeeNumber"] in (3, 9)] and picked
    teachers = await everything(client, url, filter="organizationalEntity.function.description lk 'docent'")
    assert teachers and all(
        "docent" in row["organizationalEntity"]["function"]["description"].lower() for row in teachers
    )
    ordered = await everything(client, url, orderBy="-employee.employeeNumber")
    assert [row["employee"]["employeeNumber"] for row in ordered] == sorted(
        (row["employee"]["employeeNumber"] for row in rows), reverse=True
    )
    body = (await client.get(url, params={"pageSize": 7, "pageNumber": 3}, headers=ALICE)).json()
    assert (body["pageSize"], body["currentPage"], body["totalSize"]) == (7, 3, len(rows))
    assert body["_embedded"] == rows[14:21]
