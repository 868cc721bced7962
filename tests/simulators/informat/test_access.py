"""Who may call the API: bearer token, InstituteNo against the token's scopes, Api-Version."""

from __future__ import annotations

import httpx
import pytest

from tests.simulators.informat.support import (
    BRUGGE,
    CURRENT,
    GENT,
    HASSELT,
    MECHELEN,
    OTHER,
    SCOPE,
    Api,
    codes,
    fetch_token,
)
from tests.support.clock import FakeClock

EMPLOYEES = f"/informat/employees?schoolyear={CURRENT}"


async def test_no_token_is_401_with_bearer_challenge_and_no_body(http: httpx.AsyncClient) -> None:
    response = await http.get(EMPLOYEES, headers={"InstituteNo": HASSELT})
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert response.content == b""


@pytest.mark.parametrize(
    ("authorization", "challenge"),
    [
        ("Basic c3RhZmZncmFwaDpzZWNyZXQ=", "Bearer"),
        ("Bearer", "Bearer"),
        ("Bearer not-a-token", 'Bearer error="invalid_token"'),
        ("Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln", 'Bearer error="invalid_token"'),
    ],
)
async def test_bad_tokens_are_401(http: httpx.AsyncClient, authorization: str, challenge: str) -> None:
    response = await http.get(EMPLOYEES, headers={"Authorization": authorization, "InstituteNo": HASSELT})
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == challenge


async def test_scheme_and_header_names_are_case_insensitive(api: Api) -> None:
    headers = {"AUTHORIZATION": f"BEARER {api.token}", "instituteno": HASSELT, "api-version": "2"}
    assert (await api.http.get(EMPLOYEES, headers=headers)).status_code == 200


async def test_token_expires_after_an_hour(api: Api, clock: FakeClock) -> None:
    assert (await api.get("/employees", schoolyear=CURRENT)).status_code == 200
    clock.now += 3599
    assert (await api.get("/employees", schoolyear=CURRENT)).status_code == 200
    clock.now += 1
    response = await api.get("/employees", schoolyear=CURRENT)
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith(
        'Bearer error="invalid_token", error_description="The token'
    )


async def test_reset_forgets_issued_tokens(api: Api, http: httpx.AsyncClient) -> None:
    assert (await http.post("/_sim/reset")).status_code == 204
    assert (await api.get("/employees", schoolyear=CURRENT)).status_code == 401


async def test_missing_institute_number_is_400_br003a(api: Api) -> None:
    response = await api.http.get(EMPLOYEES, headers={"Authorization": f"Bearer {api.token}"})
    assert response.status_code == 400 and codes(response) == ["BR003A"]


@pytest.mark.parametrize("institute", [BRUGGE, "999999", "32912", f"{HASSELT},{GENT}", "abc"])
async def test_institute_outside_the_token_scopes_is_403(api: Api, institute: str) -> None:
    response = await api.get("/employees", institute=institute, schoolyear=CURRENT)
    assert response.status_code == 403 and response.content == b""


async def test_a_token_acts_only_for_its_own_scopes(http: httpx.AsyncClient) -> None:
    api = Api(http, await fetch_token(http, scope=SCOPE + MECHELEN))
    assert (await api.get("/employees", institute=MECHELEN, schoolyear=CURRENT)).status_code == 200
    assert (await api.get("/employees", institute=HASSELT, schoolyear=CURRENT)).status_code == 403
    other = Api(http, await fetch_token(http, OTHER))
    assert (await other.get("/employees", institute=BRUGGE, schoolyear=CURRENT)).status_code == 200
    assert (await other.get("/employees", institute=HASSELT, schoolyear=CURRENT)).status_code == 403


@pytest.mark.parametrize("version", ["1", "2", "1.0", "2.0", None])
async def test_supported_api_versions(api: Api, version: str | None) -> None:
    response = await api.get("/employees/assignments", version=version, schoolyear=CURRENT)
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("version", "code"),
    [
        ("3", "UnsupportedApiVersion"),
        ("0", "UnsupportedApiVersion"),
        ("2.1", "UnsupportedApiVersion"),
        ("two", "InvalidApiVersion"),
        ("1,2", "AmbiguousApiVersion"),
    ],
)
async def test_version_outside_the_range_is_400(api: Api, version: str, code: str) -> None:
    response = await api.get("/employees/assignments", version=version, schoolyear=CURRENT)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == code and version in error["message"]


async def test_version_is_checked_before_the_token(http: httpx.AsyncClient) -> None:
    response = await http.get(EMPLOYEES, headers={"Api-Version": "9", "InstituteNo": HASSELT})
    assert response.status_code == 400


async def test_responses_carry_the_documented_headers(api: Api) -> None:
    response = await api.get("/employees", schoolyear=CURRENT)
    assert response.headers["content-type"] == "application/json; charset=utf-8"
    assert response.headers["access-control-allow-origin"] == "*"


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/informat/nothing-here", 404),
        ("GET", "/informat/employees/interruptions/6f1c2b8e-7f7a-4f2e-9a53-0d7c1e1f2a3b", 405),
        ("POST", "/informat/employees", 405),
        ("DELETE", "/informat/employees/assignments", 405),
    ],
)
async def test_unknown_paths_and_methods(api: Api, method: str, path: str, status: int) -> None:
    response = await api.http.request(method, path, headers=api.headers())
    assert response.status_code == status and response.content == b""
