"""API key, partner key and per-key rights, as the document's Authenticatie section and
status table describe them: 401 for a bad key, 403 for an endpoint the key was not made for."""

from __future__ import annotations

import httpx
import pytest

from simulators.ictergezocht.accounts import (
    DEMO_ACCOUNT,
    DEMO_KEY,
    DEMO_PARTNER_KEY,
    OTHER_ACCOUNT,
    OTHER_KEY,
    READONLY_KEY,
    REVOKED_KEY,
    VACANCIES_ONLY_KEY,
)
from simulators.ictergezocht.data import Dataset
from tests.simulators.ictergezocht.support import BASE, Call, assert_error

NEW_VACANCY = {
    "referenceNumber": "AUTH-1",
    "title": "DevOps Engineer",
    "description": "x",
    "location": "Delft",
}
FORBIDDEN = "Je hebt geen toegang tot dit endpoint."


@pytest.mark.parametrize(
    ("headers", "path"),
    [
        ({}, "Authorization"),
        ({"Authorization": "Bearer not-a-key"}, "Authorization"),
        ({"Authorization": f"Bearer {REVOKED_KEY}"}, "Authorization"),
        ({"Authorization": DEMO_KEY}, "Authorization"),
        ({"Authorization": f"Basic {DEMO_KEY}"}, "Authorization"),
        ({"Authorization": "Bearer "}, "Authorization"),
        (
            {"Authorization": f"Bearer {DEMO_KEY}", "Partner-Authorization": "Bearer nobody"},
            "Partner-Authorization",
        ),
        (
            {"Authorization": f"Bearer {DEMO_KEY}", "Partner-Authorization": DEMO_PARTNER_KEY},
            "Partner-Authorization",
        ),
    ],
)
@pytest.mark.parametrize(
    "endpoint", ["/vacancy/insight", "/click", "/company/type", "/company/user/function"]
)
async def test_bad_credentials_get_401_with_the_error_body(
    client: httpx.AsyncClient, headers: dict[str, str], path: str, endpoint: str
) -> None:
    response = await client.get(BASE + endpoint, headers=headers)
    assert_error(response, 401, "unauthorized", path)


@pytest.mark.parametrize(
    "headers",
    [
        {"Authorization": f"Bearer {DEMO_KEY}"},
        {"Authorization": f"bearer {DEMO_KEY}"},
        {"Authorization": f"Bearer {DEMO_KEY}", "Partner-Authorization": f"Bearer {DEMO_PARTNER_KEY}"},
    ],
)
async def test_valid_key_with_or_without_partner_key_is_accepted(
    client: httpx.AsyncClient, headers: dict[str, str]
) -> None:
    response = await client.get(BASE + "/company/type", headers=headers)
    assert response.status_code == 200
    assert response.json()["items"]


async def test_unknown_key_message_is_the_documented_one(call: Call) -> None:
    response = await call("GET", "/click", key="wrong")
    assert response.json()["errors"][0]["error"] == "Ongeldige autorisatie / apikey."


@pytest.mark.parametrize(
    ("key", "method", "path", "body"),
    [
        (READONLY_KEY, "POST", "/vacancy", NEW_VACANCY),
        (READONLY_KEY, "PUT", "/vacancy/{own}", NEW_VACANCY),
        (READONLY_KEY, "DELETE", "/vacancy/{own}", None),
        (VACANCIES_ONLY_KEY, "GET", "/click", None),
        (VACANCIES_ONLY_KEY, "GET", "/company/type", None),
        (VACANCIES_ONLY_KEY, "GET", "/company/user/function", None),
    ],
)
async def test_key_without_the_endpoint_right_gets_403(
    call: Call, dataset: Dataset, key: str, method: str, path: str, body: object
) -> None:
    own = next(v for v in dataset.vacancies if v.account_id == DEMO_ACCOUNT.account_id)
    response = await call(method, path.format(own=own.vacancy_id), key=key, json=body)
    assert_error(response, 403, "forbidden")
    assert response.json()["errors"][0]["error"] == FORBIDDEN
    # nothing was written
    insight = await call("GET", "/vacancy/insight", key=DEMO_KEY, params={"limit": 1})
    assert insight.json()["count"] == DEMO_ACCOUNT.vacancy_count


@pytest.mark.parametrize(
    ("key", "endpoint"),
    [(READONLY_KEY, "/vacancy/insight"), (READONLY_KEY, "/click"), (VACANCIES_ONLY_KEY, "/vacancy/insight")],
)
async def test_key_with_the_right_may_read(call: Call, key: str, endpoint: str) -> None:
    assert (await call("GET", endpoint, key=key)).status_code == 200


async def test_readonly_key_reads_the_same_account_as_the_full_key(call: Call) -> None:
    full = (await call("GET", "/vacancy/insight", key=DEMO_KEY)).json()
    readonly = (await call("GET", "/vacancy/insight", key=READONLY_KEY)).json()
    assert full == readonly


async def test_an_account_never_sees_another_accounts_vacancies_or_clicks(
    call: Call, dataset: Dataset
) -> None:
    other_ids = {v.vacancy_id for v in dataset.vacancies if v.account_id == OTHER_ACCOUNT.account_id}
    other_refs = {v.reference_number for v in dataset.vacancies if v.account_id == OTHER_ACCOUNT.account_id}
    seen_ids: set[int] = set()
    offset = 0
    while True:
        page = (await call("GET", "/vacancy/insight", params={"offset": offset})).json()
        seen_ids |= {item["vacancyId"] for item in page["items"]}
        if "next" not in page["rel"]:
            break
        offset += 50
    assert len(seen_ids) == DEMO_ACCOUNT.vacancy_count and not seen_ids & other_ids
    other = (await call("GET", "/vacancy/insight", key=OTHER_KEY)).json()
    assert other["count"] == OTHER_ACCOUNT.vacancy_count
    assert {item["vacancyId"] for item in other["items"]} <= other_ids
    foreign_ref = sorted(other_refs)[0]
    clicks = (await call("GET", "/click", params={"referenceNumber": foreign_ref})).json()
    assert clicks["count"] == 0 and clicks["items"] == []


@pytest.mark.parametrize("method", ["PUT", "DELETE"])
async def test_another_accounts_vacancy_is_not_found_not_forbidden(
    call: Call, dataset: Dataset, method: str
) -> None:
    foreign = next(v for v in dataset.vacancies if v.account_id == OTHER_ACCOUNT.account_id)
    body = {**NEW_VACANCY} if method == "PUT" else None
    response = await call(method, f"/vacancy/{foreign.vacancy_id}", json=body)
    assert_error(response, 404, "not_found", "vacancyId")
    still_there = (await call("GET", "/vacancy/insight", key=OTHER_KEY, params={"limit": 50})).json()
    assert foreign.vacancy_id in {item["vacancyId"] for item in still_there["items"]}


async def test_unknown_endpoint_is_404_before_authentication(call: Call) -> None:
    for key in (DEMO_KEY, None, "wrong"):
        response = await call("GET", "/vacancies", key=key)
        assert_error(response, 404, "not_found", "/vacancies")
        assert response.json()["errors"][0]["error"] == "Het gebruikte endpoint bestaat niet."


async def test_authentication_comes_before_rights_and_validation(call: Call) -> None:
    assert (await call("POST", "/vacancy", key="wrong", json={})).status_code == 401
    assert (await call("POST", "/vacancy", key=READONLY_KEY, json={})).status_code == 403
    assert (await call("POST", "/vacancy", key=DEMO_KEY, json={})).status_code == 400
