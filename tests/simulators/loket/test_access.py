"""Who may see what: 401 for missing, malformed, unknown or expired tokens; 403 for anything of an
employer the user may not see; 404 for ids that do not exist; and the order of those checks."""

from __future__ import annotations

import httpx
import pytest

from simulators.loket.auth import ACCESS_TOKEN_SECONDS
from simulators.loket.errors import FORBIDDEN_PREFIX
from simulators.loket.store import LoketStore
from tests.simulators.loket.support import (
    ALICE,
    API,
    BOB,
    MISSING_ID,
    UNAUTHORIZED,
    Employers,
    assert_messages,
    urls_below,
)
from tests.support.clock import FakeClock

RESOURCES = sorted(
    [
        "employer",
        "employees",
        "employee",
        "employee employments",
        "employer employments",
        "employments minimized",
        "employment",
        "org entities",
        "org entity",
        "actual org entities",
        "departments",
        "department",
        "functions",
        "function",
        "absences",
        "absence",
        "absence progress",
        "absence progress item",
        "calendar",
        "leave",
        "leave item",
        "calendar leave",
        "leave requests",
        "employer leave requests",
        "leave request",
        "leave balances",
        "employer leave balances",
    ]
)


@pytest.mark.parametrize(
    "authorization",
    [
        None,
        "",
        "Bearer",
        "Bearer ",
        "Bearer not a token",
        "Bearer demo-loket-alice!",
        "Bearer unknown-token",
        "Basic YWxpY2U6YWxpY2UtZGVtbw==",
        "Token demo-loket-alice",
        "demo-loket-alice",
    ],
)
@pytest.mark.parametrize("path", ["", "/00000000-0000-4000-8000-000000000000", "/nonsense/employees"])
async def test_requests_without_a_valid_bearer_token_get_401_with_the_documented_body(
    client: httpx.AsyncClient, authorization: str | None, path: str
) -> None:
    headers = {"Authorization": authorization} if authorization is not None else {}
    response = await client.get(API + path, headers=headers)
    assert response.status_code == 401
    assert response.json() == UNAUTHORIZED
    assert response.headers["www-authenticate"] == "Bearer"


async def test_the_bearer_scheme_is_case_insensitive(client: httpx.AsyncClient) -> None:
    response = await client.get(API, headers={"Authorization": "bearer demo-loket-alice"})
    assert response.status_code == 200


@pytest.mark.usefixtures("fresh")
async def test_issued_tokens_expire_by_the_simulator_clock_and_fixed_ones_never(
    client: httpx.AsyncClient, clock: FakeClock
) -> None:
    form = {
        "grant_type": "password",
        "username": "bob",
        "password": "bob-demo",
        "client_id": "staffgraph-demo",
        "client_secret": "demo-secret",
    }
    token = (await client.post("/loket/token", data=form)).json()["access_token"]
    headers = {"Authorization": f"Bearer {token}"}
    clock.advance(ACCESS_TOKEN_SECONDS - 1)
    assert (await client.get(API, headers=headers)).status_code == 200
    clock.advance(1)
    expired = await client.get(API, headers=headers)
    assert expired.status_code == 401 and expired.json() == UNAUTHORIZED
    clock.advance(10 * 365 * 24 * 3600)
    assert (await client.get(API, headers=BOB)).status_code == 200


async def test_each_user_lists_only_their_own_employers(
    client: httpx.AsyncClient, employers: Employers
) -> None:
    for headers, expected in ((ALICE, list(employers.alice)), (BOB, [employers.bob])):
        for path in ("", "/minimized"):
            body = (await client.get(API + path, headers=headers)).json()
            assert [row["id"] for row in body["_embedded"]] == expected
            assert body["totalSize"] == len(expected)


@pytest.mark.parametrize("resource", RESOURCES)
async def test_anything_of_an_employer_the_user_may_not_see_is_403(
    client: httpx.AsyncClient, store: LoketStore, employers: Employers, resource: str
) -> None:
    for headers, employer in ((ALICE, employers.hidden), (ALICE, employers.bob), (BOB, employers.alice[0])):
        response = await client.get(urls_below(store, employer)[resource], headers=headers)
        assert response.status_code == 403, (resource, response.text)
        assert set(response.json()) == {"message"}
        assert response.json()["message"].startswith(FORBIDDEN_PREFIX)


@pytest.mark.parametrize("resource", RESOURCES)
async def test_the_owner_of_an_employer_sees_all_of_it(
    client: httpx.AsyncClient, store: LoketStore, employers: Employers, resource: str
) -> None:
    for headers, employer in ((ALICE, employers.alice[1]), (BOB, employers.bob)):
        response = await client.get(urls_below(store, employer)[resource], headers=headers)
        assert response.status_code == 200, (resource, response.text)
        assert "content" in response.json() or response.json()["totalSize"] > 0


@pytest.mark.usefixtures("fresh")
@pytest.mark.parametrize(
    ("method", "suffix", "body"),
    [
        ("PUT", "", {}),
        ("DELETE", "", None),
        ("PATCH", "/closeabsence", {"endOfAbsence": {"date": "2026-11-24"}}),
        ("PATCH", "/reopenabsence", None),
    ],
)
async def test_writes_to_a_hidden_employers_absence_are_403_and_change_nothing(
    client: httpx.AsyncClient, store: LoketStore, employers: Employers, method: str, suffix: str, body: object
) -> None:
    url = urls_below(store, employers.hidden)["absence"]
    before = (await client.get(url, headers=ALICE)).status_code
    response = await client.request(method, url + suffix, headers=ALICE, json=body)
    assert before == response.status_code == 403
    absence_id = url.rsplit("/", 1)[1]
    assert store.absences.rows[absence_id] is store.data.absences.rows[absence_id]


@pytest.mark.parametrize(
    ("path", "what"),
    [
        (f"/{MISSING_ID}", "employer"),
        (f"/{MISSING_ID}/employees", "employer"),
        (f"/employees/{MISSING_ID}", "employee"),
        (f"/employees/{MISSING_ID}/employments", "employee"),
        (f"/employees/employments/{MISSING_ID}", "employment"),
        (f"/employees/employments/organizationalentities/{MISSING_ID}", "organizational entity"),
        (f"/departments/{MISSING_ID}", "department"),
        (f"/functions/{MISSING_ID}", "function"),
        (f"/employees/absences/{MISSING_ID}", "absence"),
        (f"/employees/absences/absenceprogress/{MISSING_ID}", "absence progress"),
        (f"/employees/employments/leave/{MISSING_ID}", "leave"),
        (f"/employees/employments/leaverequests/{MISSING_ID}", "leave request"),
        (f"/employees/employments/{MISSING_ID}/leavebalances", "employment"),
    ],
)
async def test_unknown_ids_are_404_with_a_not_found_message(
    client: httpx.AsyncClient, path: str, what: str
) -> None:
    response = await client.get(API + path, headers=ALICE)
    assert_messages(response, 404, "NotFound", f"{what} with id '{MISSING_ID}' does not exist")


@pytest.mark.parametrize("value", ["x", "123", "not-a-uuid", "00000000-0000-4000-8000-00000000000Z"])
async def test_ids_that_are_not_uuids_are_400_naming_the_parameter(
    client: httpx.AsyncClient, value: str
) -> None:
    response = await client.get(f"{API}/employees/employments/{value}", headers=ALICE)
    assert_messages(response, 400, "BrokenBusinessRule", f"'{value}' is not valid for employmentId")


async def test_upper_case_uuids_find_the_same_item(client: httpx.AsyncClient, employers: Employers) -> None:
    response = await client.get(f"{API}/{employers.alice[0].upper()}", headers=ALICE)
    assert response.status_code == 200 and response.json()["content"]["id"] == employers.alice[0]


async def test_routing_comes_before_authentication(client: httpx.AsyncClient) -> None:
    unknown = await client.get("/loket/v2/providers/nowhere")
    assert unknown.status_code == 404
    assert unknown.json() == {
        "message": "No HTTP resource was found that matches the request URI 'http://sim/loket/v2/providers/nowhere'."
    }
    wrong = await client.delete(API)
    assert wrong.status_code == 405
    assert wrong.json() == {"message": "The requested resource does not support http method 'DELETE'."}
    assert "GET" in wrong.headers["allow"]


async def test_authentication_comes_before_ids_and_query_checks(client: httpx.AsyncClient) -> None:
    response = await client.get(
        f"{API}/not-a-uuid/employees?pageSize=-1", headers={"Authorization": "Bearer x"}
    )
    assert response.status_code == 401
