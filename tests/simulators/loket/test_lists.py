"""Lists: paging edges and limits, every filter operator over HTTP, orderBy, and their 400s.
Expected rows are computed from the seeded data with plain Python."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from simulators.loket.paging import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
from simulators.loket.store import LoketStore
from tests.simulators.loket.support import ALICE, API, Employers, assert_messages

Row = dict[str, Any]


@pytest.fixture(scope="module")
def employees(store: LoketStore, employers: Employers) -> list[Row]:
    return store.data.employees.under(employers.alice[0])


@pytest.fixture(scope="module")
def employments(store: LoketStore, employers: Employers) -> list[Row]:
    data = store.data
    return [data.employments.rows[i] for i in data.employments_by_employer[employers.alice[0]]]


async def fetch(client: httpx.AsyncClient, url: str, **params: Any) -> dict[str, Any]:
    response = await client.get(url, params=params, headers=ALICE)
    assert response.status_code == 200, response.text
    return dict(response.json())


def ids(rows: list[Row]) -> list[str]:
    return [row["id"] for row in rows]


@pytest.mark.parametrize(
    ("params", "page", "size"),
    [
        ({}, 1, DEFAULT_PAGE_SIZE),
        ({"pageNumber": 2}, 2, DEFAULT_PAGE_SIZE),
        ({"pageNumber": 3}, 3, DEFAULT_PAGE_SIZE),
        ({"pageSize": 7, "pageNumber": 1}, 1, 7),
        ({"pageSize": 7, "pageNumber": 65}, 65, 7),
        ({"pageSize": 7, "pageNumber": 66}, 66, 7),
        ({"pageSize": MAX_PAGE_SIZE}, 1, MAX_PAGE_SIZE),
        ({"pageSize": 1, "pageNumber": 450}, 450, 1),
        ({"pagesize": "5", "PAGENUMBER": "2"}, 2, 5),
        ({"pageSize": " 12 ", "pageNumber": "+2"}, 2, 12),
        ({"pageSize": "", "pageNumber": ""}, 1, DEFAULT_PAGE_SIZE),
    ],
)
async def test_paging_slices_the_list_and_reports_the_totals(
    client: httpx.AsyncClient,
    employers: Employers,
    employees: list[Row],
    params: dict[str, Any],
    page: int,
    size: int,
) -> None:
    body = await fetch(client, f"{API}/{employers.alice[0]}/employees", **params)
    total = len(employees)
    assert list(body) == [
        "totalSize",
        "pageSize",
        "totalPages",
        "currentPage",
        "version",
        "messages",
        "_embedded",
    ]
    assert (body["totalSize"], body["pageSize"], body["currentPage"]) == (total, size, page)
    assert body["totalPages"] == -(-total // size)
    assert ids(body["_embedded"]) == ids(employees[(page - 1) * size : page * size])


async def test_an_empty_selection_has_no_pages(client: httpx.AsyncClient, employers: Employers) -> None:
    body = await fetch(client, f"{API}/{employers.alice[0]}/employees", filter="employeeNumber lt 0")
    assert (body["totalSize"], body["totalPages"], body["currentPage"], body["_embedded"]) == (0, 0, 1, [])


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"pageSize": 0}, "pageSize must be between 1 and 1000"),
        ({"pageSize": -1}, "pageSize must be between 1 and 1000"),
        ({"pageSize": MAX_PAGE_SIZE + 1}, "pageSize must be between 1 and 1000"),
        ({"pageSize": "abc"}, "'abc' is not valid for pageSize"),
        ({"pageSize": "1.5"}, "'1.5' is not valid for pageSize"),
        ({"pageSize": "2147483648"}, "is not valid for pageSize"),
        ({"pageSize": "99999999999999999999"}, "is not valid for pageSize"),
        ({"pageNumber": 0}, "pageNumber must be between 1"),
        ({"pageNumber": -3}, "pageNumber must be between 1"),
        ({"pageNumber": "first"}, "'first' is not valid for pageNumber"),
        ({"pageSize": ["5", "6"]}, "'pageSize' is given more than once"),
        ({"filter": ["a eq 1", "b eq 2"]}, "'filter' is given more than once"),
    ],
)
async def test_bad_paging_is_a_400_naming_the_parameter(
    client: httpx.AsyncClient, employers: Employers, params: dict[str, Any], words: str
) -> None:
    response = await client.get(f"{API}/{employers.alice[0]}/employees", params=params, headers=ALICE)
    assert_messages(response, 400, "BrokenBusinessRule", words)


def _pd(row: Row) -> Row:
    return dict(row["personalDetails"])


EMPLOYEE_FILTERS: list[tuple[str, Callable[[Row], bool]]] = [
    ("employeeNumber ge 1 and employeeNumber le 5", lambda r: 1 <= r["employeeNumber"] <= 5),
    ("employeeNumber eq 7", lambda r: r["employeeNumber"] == 7),
    ("employeeNumber ne 7", lambda r: r["employeeNumber"] != 7),
    ("employeeNumber gt 440", lambda r: r["employeeNumber"] > 440),
    ("employeeNumber lt 3.5", lambda r: r["employeeNumber"] < 3.5),
    ("personalDetails.lastName eq 'JANSEN'", lambda r: _pd(r)["lastName"] == "Jansen"),
    ("personalDetails.lastName lk 'BERG'", lambda r: "berg" in _pd(r)["lastName"].lower()),
    ("PERSONALDETAILS.LASTNAME LK 'meer'", lambda r: "meer" in _pd(r)["lastName"].lower()),
    ("personalDetails.lastName ge 'v'", lambda r: _pd(r)["lastName"].lower() >= "v"),
    ("personalDetails.prefix eq null", lambda r: _pd(r)["prefix"] is None),
    ("personalDetails.prefix ne null", lambda r: _pd(r)["prefix"] is not None),
    ("personalDetails.prefix eq '''t'", lambda r: _pd(r)["prefix"] == "'t"),
    ("personalDetails.prefix ne 'de'", lambda r: _pd(r)["prefix"] != "de"),
    ("personalDetails.dateOfBirth lt '1970-01-01'", lambda r: _pd(r)["dateOfBirth"] < "1970-01-01"),
    ("personalDetails.dateOfBirth lk '-05-'", lambda r: "-05-" in _pd(r)["dateOfBirth"]),
    ("personalDetails.gender.key eq 2", lambda r: _pd(r)["gender"]["key"] == 2),
    ("personalDetails.title.value ne null", lambda r: _pd(r)["title"] is not None),
    ("exclusionFromAbsenceStatus eq false", lambda r: r["exclusionFromAbsenceStatus"] is False),
    ("travel.travelDistanceToWorkInKm gt 30.5", lambda r: r["travel"]["travelDistanceToWorkInKm"] > 30.5),
    (
        "address.city eq 'Rotterdam' or address.city eq 'Delft'",
        lambda r: r["address"]["city"] in ("Rotterdam", "Delft"),
    ),
    (
        "(address.city eq 'rotterdam' or address.city eq 'delft') and personalDetails.gender.key eq 1",
        lambda r: r["address"]["city"] in ("Rotterdam", "Delft") and _pd(r)["gender"]["key"] == 1,
    ),
    (
        "address.city eq 'Rotterdam' or address.city eq 'Delft' and personalDetails.gender.key eq 1",
        lambda r: (
            r["address"]["city"] == "Rotterdam"
            or (r["address"]["city"] == "Delft" and _pd(r)["gender"]["key"] == 1)
        ),
    ),
    ("deviatingPostalAddress.city ne null", lambda r: r["deviatingPostalAddress"] is not None),
]


@pytest.mark.parametrize(("text", "wanted"), EMPLOYEE_FILTERS, ids=[text for text, _ in EMPLOYEE_FILTERS])
async def test_filter_operators_select_the_matching_employees(
    client: httpx.AsyncClient,
    employers: Employers,
    employees: list[Row],
    text: str,
    wanted: Callable[[Row], bool],
) -> None:
    expected = [row for row in employees if wanted(row)]
    assert 0 < len(expected) < len(employees), "a filter that selects all or nothing proves little"
    body = await fetch(client, f"{API}/{employers.alice[0]}/employees", filter=text, pageSize=MAX_PAGE_SIZE)
    assert ids(body["_embedded"]) == ids(expected)
    assert body["totalSize"] == len(expected)


EMPLOYMENT_FILTERS: list[tuple[str, Callable[[Row], bool]]] = [
    ("enddate eq null", lambda r: r["endDate"] is None),  # the document's examples
    ("enddate le '2017-01-01'", lambda r: r["endDate"] is not None and r["endDate"] <= "2017-01-01"),
    (
        "startDate ge '2020-01-01' and endDate eq null",
        lambda r: r["startDate"] >= "2020-01-01" and not r["endDate"],
    ),
    ("employee.employeeNumber le 10", lambda r: r["employee"]["employeeNumber"] <= 10),
    ("employmentDurationType.key eq 2", lambda r: r["employmentDurationType"]["key"] == 2),
    (
        "endOfEmploymentReason.value lk 'contract'",
        lambda r: "contract" in (r["endOfEmploymentReason"] or {}).get("value", "").lower(),
    ),
]


@pytest.mark.parametrize(("text", "wanted"), EMPLOYMENT_FILTERS, ids=[text for text, _ in EMPLOYMENT_FILTERS])
async def test_filters_on_employer_wide_employments(
    client: httpx.AsyncClient,
    employers: Employers,
    employments: list[Row],
    text: str,
    wanted: Callable[[Row], bool],
) -> None:
    expected = [row for row in employments if wanted(row)]
    assert 0 < len(expected) < len(employments)
    body = await fetch(
        client, f"{API}/{employers.alice[0]}/employees/employments", filter=text, pageSize=1000
    )
    assert ids(body["_embedded"]) == ids(expected)


async def test_the_documents_own_filter_example_works(
    client: httpx.AsyncClient, employers: Employers, employments: list[Row]
) -> None:
    body = await fetch(
        client,
        f"{API}/{employers.alice[0]}/employees/employments",
        filter="cancellationPeriodTimeUnit.key eq 4",
    )
    assert (
        body["totalSize"]
        == sum(1 for row in employments if row["cancellationPeriodTimeUnit"]["key"] == 4)
        > 0
    )


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("nosuchfield eq 1", "unknown field 'nosuchfield'"),
        ("personalDetails.nosuch eq 1", "unknown field 'personalDetails.nosuch'"),
        ("personalDetails eq 'x'", "'personalDetails' is an object; use one of its fields"),
        ("employeeNumber eq 'five'", "'employeeNumber' is a number"),
        ("personalDetails.lastName eq 5", "'personalDetails.lastName' is text; quote the value"),
        ("personalDetails.dateOfBirth gt '1970-13-01'", "'1970-13-01' is not a valid date"),
        ("personalDetails.dateOfBirth gt 1970", "is a date; give it as 'YYYY-MM-DD'"),
        ("exclusionFromAbsenceStatus gt true", "true/false can only be compared with eq or ne"),
        ("exclusionFromAbsenceStatus eq 1", "is true or false"),
        ("employeeNumber lk 5", "lk needs a text field and a text value"),
        ("employeeNumber gt null", "null can only be compared with eq or ne"),
        ("employeeNumber eq", "expected a value"),
        ("employeeNumber eq 1 and", "expected a field name"),
        ("employeeNumber = 1", "unexpected character '='"),
        ("(employeeNumber eq 1", "missing ')'"),
    ],
)
async def test_bad_filters_are_a_400_saying_what_is_wrong(
    client: httpx.AsyncClient, employers: Employers, text: str, words: str
) -> None:
    response = await client.get(
        f"{API}/{employers.alice[0]}/employees", params={"filter": text}, headers=ALICE
    )
    messages = assert_messages(response, 400, "BrokenBusinessRule", "Invalid filter", words)
    assert response.json()["_embedded"] == []
    assert messages[0]["code"] == 1002


def _sorted(rows: list[Row], *keys: tuple[Callable[[Row], Any], bool]) -> list[Row]:
    ordered = list(rows)
    for key, descending in reversed(keys):
        ordered.sort(key=key, reverse=descending)
    return ordered


def _text(value: str | None) -> tuple[int, str]:
    return (0, "") if value is None else (1, value.casefold())


@pytest.mark.parametrize(
    ("order_by", "keys"),
    [
        ("-employeeNumber", [(lambda r: r["employeeNumber"], True)]),
        ("EMPLOYEENUMBER", [(lambda r: r["employeeNumber"], False)]),
        (
            "personalDetails.lastName,-employeeNumber",
            [(lambda r: _text(_pd(r)["lastName"]), False), (lambda r: r["employeeNumber"], True)],
        ),
        ("personalDetails.prefix", [(lambda r: _text(_pd(r)["prefix"]), False)]),
        ("-personalDetails.prefix", [(lambda r: _text(_pd(r)["prefix"]), True)]),
        (
            "-personalDetails.dateOfBirth,address.city",
            [(lambda r: _pd(r)["dateOfBirth"], True), (lambda r: r["address"]["city"].casefold(), False)],
        ),
    ],
)
async def test_order_by_sorts_ascending_or_descending_on_several_fields(
    client: httpx.AsyncClient, employers: Employers, employees: list[Row], order_by: str, keys: list[Any]
) -> None:
    expected = _sorted(employees, *keys)
    body = await fetch(
        client, f"{API}/{employers.alice[0]}/employees", orderBy=order_by, pageSize=MAX_PAGE_SIZE
    )
    assert ids(body["_embedded"]) == ids(expected)
    second = await fetch(
        client, f"{API}/{employers.alice[0]}/employees", orderby=order_by, pageSize=100, pageNumber=2
    )
    assert ids(second["_embedded"]) == ids(expected[100:200])


@pytest.mark.parametrize(
    ("order_by", "words"),
    [
        ("-", "is not a valid orderBy"),
        ("employeeNumber,,address.city", "is not a valid orderBy"),
        ("employeeNumber desc", "is not a valid orderBy"),
        ("+employeeNumber", "is not a valid orderBy"),
        ("employeeNumber,", "is not a valid orderBy"),
        ("nosuch", "unknown field 'nosuch'"),
        ("personalDetails", "'personalDetails': it is not a single value"),
    ],
)
async def test_bad_order_by_is_a_400(
    client: httpx.AsyncClient, employers: Employers, order_by: str, words: str
) -> None:
    response = await client.get(
        f"{API}/{employers.alice[0]}/employees", params={"orderBy": order_by}, headers=ALICE
    )
    assert_messages(response, 400, "BrokenBusinessRule", "Invalid orderBy", words)
