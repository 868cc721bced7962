"""Junk at every parameter of every list endpoint (and at path ids and the Accept header) gets
Loket's own answer, never a 500."""

from __future__ import annotations

from urllib.parse import quote

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulators.loket.store import LoketStore
from tests.simulators.loket.support import ALICE, Employers, urls_below

JUNK = [
    "",
    " ",
    "'",
    "''",
    "(",
    ")",
    "((((a eq 1",
    "null",
    "-1",
    "0",
    "1e309",
    "9" * 60,
    "\x00",
    "ü",
    "\u202e",
    "a eq",
    "eq eq eq",
    "' or 1 eq 1 --",
    "%",
    "<script>",
    "a.b.c.d.e eq 1",
    "x" * 5000,
    "-",
    ",",
    "1.5",
    "true",
    "[]",
    "2026-02-30",
    "0000-00-00",
    "employeeNumber eq 1e400",
    "id eq 99999999999999999999999999",
]
COMMON = ["filter", "orderBy", "pageNumber", "pageSize"]
LISTS = {
    "employees": [],
    "employee employments": [],
    "employer employments": [],
    "employments minimized": [],
    "org entities": [],
    "actual org entities": ["referenceDate"],
    "departments": [],
    "functions": [],
    "absences": [],
    "absence progress": [],
    "calendar": ["startDate", "endDate"],
    "leave": [],
    "calendar leave": ["startDate", "endDate"],
    "leave requests": [],
    "employer leave requests": [],
    "leave balances": [],
    "employer leave balances": ["referenceDate", "leaveType"],
}


def _assert_loket_answer(response: httpx.Response) -> None:
    assert response.status_code < 500, response.text
    body = response.json()
    if response.status_code == 400:
        assert body["messages"][0]["type"] == "BrokenBusinessRule"


@pytest.mark.parametrize("resource", sorted(LISTS))
async def test_junk_in_any_query_parameter_is_never_a_server_error(
    client: httpx.AsyncClient, store: LoketStore, employers: Employers, resource: str
) -> None:
    url = urls_below(store, employers.alice[0])[resource].split("?")[0]
    calendar = resource.startswith("calendar")
    defaults = {"startDate": "2026-01-01", "endDate": "2026-12-31"} if calendar else {}
    for name in COMMON + LISTS[resource]:
        for value in JUNK:
            response = await client.get(url, params=defaults | {name: value}, headers=ALICE)
            _assert_loket_answer(response)


@pytest.mark.parametrize(
    "resource", ["employee", "employment", "absence", "leave item", "employees", "calendar", "calendar leave"]
)
async def test_junk_in_path_ids_is_a_400_or_404(
    client: httpx.AsyncClient, store: LoketStore, employers: Employers, resource: str
) -> None:
    url = urls_below(store, employers.alice[0])[resource]
    path, _, query = url.partition("?")
    known = next(part for part in path.split("/") if len(part) == 36)
    for value in ["x", "%20", "...", "' or 1=1", "{}", "0" * 36, "ü" * 3, "-" * 36]:
        response = await client.get(path.replace(known, quote(value, safe="")) + "?" + query, headers=ALICE)
        assert response.status_code in (400, 404), (value, response.text)


@pytest.mark.parametrize(
    "accept",
    [
        "",
        ";;;",
        "version=2020-01-01",
        "application/json;version",
        "application/json;version=9999-99-99",
        "*/*;q=0.1",
    ],
)
async def test_junk_accept_headers_are_answered(
    client: httpx.AsyncClient, store: LoketStore, employers: Employers, accept: str
) -> None:
    url = urls_below(store, employers.alice[0])["employees"]
    _assert_loket_answer(await client.get(url, headers=ALICE | {"Accept": accept}))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=40), name=st.sampled_from(COMMON))
async def test_random_text_in_list_parameters_is_200_or_400(
    client: httpx.AsyncClient, store: LoketStore, employers: Employers, text: str, name: str
) -> None:
    url = urls_below(store, employers.alice[0])["employer employments"]
    response = await client.get(url, params={name: text}, headers=ALICE)
    assert response.status_code in (200, 400), response.text
