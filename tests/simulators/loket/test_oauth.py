"""The token endpoint's grants and RFC 6749 errors, and the authorization-code flow's login page."""

from __future__ import annotations

import base64
import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from tests.simulators.loket.support import API, Employers

pytestmark = pytest.mark.usefixtures("fresh")

CLIENT = {"client_id": "staffgraph-demo", "client_secret": "demo-secret"}
REDIRECT = "http://127.0.0.1:8999/callback"
TOKEN_KEYS = ["access_token", "token_type", "expires_in", "refresh_token", "two_factor_state"]


def basic(client_id: str, secret: str) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(f"{client_id}:{secret}".encode()).decode()}


async def employer_ids(client: httpx.AsyncClient, token: str) -> list[str]:
    response = await client.get(API, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    return [row["id"] for row in response.json()["_embedded"]]


def assert_token(response: httpx.Response) -> dict[str, Any]:
    assert response.status_code == 200, response.text
    body = response.json()
    assert list(body) == TOKEN_KEYS
    assert (
        body["token_type"] == "bearer" and body["two_factor_state"] == "None" and body["expires_in"] == 3599
    )
    assert re.fullmatch(r"[\w-]+", body["access_token"]) and body["refresh_token"]
    assert response.headers["cache-control"] == "no-store"
    return dict(body)


async def test_password_grant_gives_a_token_for_that_users_employers(
    client: httpx.AsyncClient, employers: Employers
) -> None:
    for user, expected in (("alice", list(employers.alice)), ("bob", [employers.bob])):
        form = {"grant_type": "password", "username": user, "password": f"{user}-demo", **CLIENT}
        token = assert_token(await client.post("/loket/token", data=form))
        assert await employer_ids(client, token["access_token"]) == expected


async def test_client_id_is_accepted_in_the_documents_spelling_and_with_basic_auth(
    client: httpx.AsyncClient,
) -> None:
    form = {
        "grant_type": "password",
        "username": "bob",
        "password": "bob-demo",
        "client_Id": "staffgraph-demo",
    }
    assert_token(await client.post("/loket/token", data={**form, "client_secret": "demo-secret"}))
    form.pop("client_Id")
    assert_token(
        await client.post("/loket/token", data=form, headers=basic("staffgraph-demo", "demo-secret"))
    )


async def test_refresh_token_grant_rotates_the_refresh_token(
    client: httpx.AsyncClient, employers: Employers
) -> None:
    form = {"grant_type": "password", "username": "alice", "password": "alice-demo", **CLIENT}
    first = assert_token(await client.post("/loket/token", data=form))
    refresh = {"grant_type": "refresh_token", "refresh_token": first["refresh_token"], **CLIENT}
    second = assert_token(await client.post("/loket/token", data=refresh))
    assert second["access_token"] != first["access_token"]
    assert await employer_ids(client, second["access_token"]) == list(employers.alice)
    again = await client.post("/loket/token", data=refresh)
    assert again.status_code == 400 and again.json()["error"] == "invalid_grant"


async def test_authorization_code_flow_end_to_end(client: httpx.AsyncClient, employers: Employers) -> None:
    query = {
        "response_type": "code",
        "client_id": "staffgraph-demo",
        "redirect_uri": REDIRECT,
        "state": "xyz 1",
    }
    page = await client.get("/loket/authorize", params=query)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert '<form method="post"' in page.text and 'name="password"' in page.text
    assert f'value="{REDIRECT}"' in page.text
    wrong = await client.post("/loket/authorize", data={**query, "username": "bob", "password": "nope"})
    assert wrong.status_code == 200 and "Onjuiste gebruikersnaam of wachtwoord" in wrong.text
    signed_in = await client.post(
        "/loket/authorize", data={**query, "username": "bob", "password": "bob-demo"}
    )
    assert signed_in.status_code == 302
    location = urlsplit(signed_in.headers["location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == REDIRECT
    answer = parse_qs(location.query)
    assert answer["state"] == ["xyz 1"]
    exchange = {
        "grant_type": "authorization_code",
        "code": answer["code"][0],
        "redirect_uri": REDIRECT,
        **CLIENT,
    }
    token = assert_token(await client.post("/loket/token", data=exchange))
    assert await employer_ids(client, token["access_token"]) == [employers.bob]
    reused = await client.post("/loket/token", data=exchange)
    assert reused.status_code == 400 and reused.json()["error"] == "invalid_grant"


async def test_a_code_only_works_with_the_redirect_uri_it_was_issued_for(client: httpx.AsyncClient) -> None:
    query = {"response_type": "code", "client_id": "staffgraph-demo", "redirect_uri": REDIRECT + "?a=1"}
    signed_in = await client.post(
        "/loket/authorize", data={**query, "username": "alice", "password": "alice-demo"}
    )
    assert signed_in.headers["location"].startswith(REDIRECT + "?a=1&code=")
    code = parse_qs(urlsplit(signed_in.headers["location"]).query)["code"][0]
    exchange = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": "http://elsewhere/",
        **CLIENT,
    }
    response = await client.post("/loket/token", data=exchange)
    assert response.status_code == 400 and "redirect_uri" in response.json()["error_description"]


@pytest.mark.parametrize(
    ("query", "status", "text"),
    [
        (
            {"response_type": "code", "client_id": "nobody", "redirect_uri": REDIRECT},
            400,
            "Unknown client_id",
        ),
        ({"response_type": "code", "client_id": "staffgraph-demo"}, 400, "redirect_uri"),
        (
            {"response_type": "code", "client_id": "staffgraph-demo", "redirect_uri": "/relative"},
            400,
            "redirect_uri",
        ),
    ],
)
async def test_authorize_shows_an_error_page_instead_of_redirecting_to_an_untrusted_place(
    client: httpx.AsyncClient, query: dict[str, str], status: int, text: str
) -> None:
    response = await client.get("/loket/authorize", params=query)
    assert response.status_code == status and text in response.text
    assert "location" not in response.headers


async def test_authorize_redirects_an_unsupported_response_type_back_with_the_error(
    client: httpx.AsyncClient,
) -> None:
    query = {"response_type": "token", "client_id": "staffgraph-demo", "redirect_uri": REDIRECT, "state": "s"}
    response = await client.get("/loket/authorize", params=query)
    assert response.status_code == 302
    assert parse_qs(urlsplit(response.headers["location"]).query) == {
        "error": ["unsupported_response_type"],
        "state": ["s"],
    }


@pytest.mark.parametrize(
    ("form", "headers", "status", "error"),
    [
        ({"username": "alice", "password": "alice-demo", **CLIENT}, {}, 400, "invalid_request"),
        ({"grant_type": "client_credentials", **CLIENT}, {}, 400, "unsupported_grant_type"),
        (
            {"grant_type": "password", "username": "alice", "password": "wrong", **CLIENT},
            {},
            400,
            "invalid_grant",
        ),
        (
            {"grant_type": "password", "username": "carol", "password": "carol", **CLIENT},
            {},
            400,
            "invalid_grant",
        ),
        ({"grant_type": "password", "username": "alice", **CLIENT}, {}, 400, "invalid_request"),
        (
            {"grant_type": "password", "username": "alice", "password": "alice-demo"},
            {},
            400,
            "invalid_client",
        ),
        (
            {
                "grant_type": "password",
                "username": "alice",
                "password": "alice-demo",
                "client_id": "staffgraph-demo",
            },
            {},
            400,
            "invalid_client",
        ),
        (
            {"grant_type": "password", "username": "alice", "password": "alice-demo"},
            basic("staffgraph-demo", "wrong"),
            401,
            "invalid_client",
        ),
        ({"grant_type": "refresh_token", "refresh_token": "made-up", **CLIENT}, {}, 400, "invalid_grant"),
        ({"grant_type": "refresh_token", **CLIENT}, {}, 400, "invalid_request"),
        ({"grant_type": "authorization_code", "code": "made-up", **CLIENT}, {}, 400, "invalid_grant"),
    ],
)
async def test_token_errors_follow_rfc_6749(
    client: httpx.AsyncClient, form: dict[str, str], headers: dict[str, str], status: int, error: str
) -> None:
    response = await client.post("/loket/token", data=form, headers=headers)
    assert response.status_code == status
    body = response.json()
    assert set(body) == {"error", "error_description"} and body["error"] == error
    assert response.headers["cache-control"] == "no-store"


async def test_token_requests_must_be_form_encoded_without_repeated_parameters(
    client: httpx.AsyncClient,
) -> None:
    as_json = await client.post("/loket/token", json={"grant_type": "password"})
    assert as_json.status_code == 400 and as_json.json()["error"] == "invalid_request"
    repeated = await client.post(
        "/loket/token",
        content="grant_type=password&grant_type=password&username=alice&password=alice-demo",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert repeated.status_code == 400 and "more than once" in repeated.json()["error_description"]
    assert (await client.get("/loket/token")).status_code == 405
