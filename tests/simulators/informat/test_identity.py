"""The identity server's token endpoint, from the document's "Getting an Access Token" examples."""

from __future__ import annotations

import base64
import json
from typing import Any

import httpx
import pytest

from simulators.informat.auth import TOKEN_LIFETIME_SECONDS
from tests.simulators.informat.support import BRUGGE, DEMO, GENT, HASSELT, MECHELEN, OTHER, SCOPE
from tests.support.clock import START

TOKEN_URL = "/identity/connect/token"


def form(client: tuple[str, str] = DEMO, **extra: str) -> dict[str, str]:
    return {"grant_type": "client_credentials", "client_id": client[0], "client_secret": client[1], **extra}


def claims(token: str) -> dict[str, Any]:
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


async def test_one_scope_gives_the_documented_response(http: httpx.AsyncClient) -> None:
    response = await http.post(TOKEN_URL, data=form(scope=SCOPE + HASSELT))
    assert response.status_code == 200
    body = response.json()
    assert list(body) == ["access_token", "expires_in", "token_type", "scope"]
    assert body["expires_in"] == 3600 == TOKEN_LIFETIME_SECONDS
    assert body["token_type"] == "Bearer"
    assert body["scope"] == SCOPE + HASSELT
    assert response.headers["cache-control"].startswith("no-store")
    payload = claims(body["access_token"])
    assert body["access_token"].count(".") == 2
    assert payload["client_id"] == "staffgraph-demo" and payload["scope"] == [SCOPE + HASSELT]
    assert payload["exp"] == payload["nbf"] + 3600 == int(START) + 3600


async def test_several_scopes_separated_by_a_space(http: httpx.AsyncClient) -> None:
    scope = f"{SCOPE}{HASSELT} {SCOPE}{GENT}"
    response = await http.post(TOKEN_URL, data=form(scope=scope))
    assert response.status_code == 200 and response.json()["scope"] == scope


async def test_without_scope_the_client_gets_all_it_may_have(http: httpx.AsyncClient) -> None:
    response = await http.post(TOKEN_URL, data=form())
    assert response.json()["scope"].split() == [SCOPE + n for n in (HASSELT, MECHELEN, GENT)]


async def test_basic_client_authentication(http: httpx.AsyncClient) -> None:
    basic = base64.b64encode(b"staffgraph-demo:demo-secret").decode()
    response = await http.post(
        TOKEN_URL,
        data={"grant_type": "client_credentials", "scope": SCOPE + GENT},
        headers={"Authorization": f"Basic {basic}"},
    )
    assert response.status_code == 200


async def test_each_token_is_new(http: httpx.AsyncClient) -> None:
    first = (await http.post(TOKEN_URL, data=form())).json()["access_token"]
    second = (await http.post(TOKEN_URL, data=form())).json()["access_token"]
    assert first != second


async def test_other_client_may_have_the_school_the_demo_client_may_not(http: httpx.AsyncClient) -> None:
    assert (await http.post(TOKEN_URL, data=form(scope=SCOPE + BRUGGE))).json() == {"error": "invalid_scope"}
    response = await http.post(TOKEN_URL, data=form(OTHER, scope=SCOPE + BRUGGE))
    assert response.status_code == 200 and response.json()["scope"] == SCOPE + BRUGGE


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (form(("staffgraph-demo", "wrong")), "invalid_client"),
        (form(("nobody", "demo-secret")), "invalid_client"),
        ({"grant_type": "client_credentials"}, "invalid_client"),
        ({"client_id": "staffgraph-demo", "client_secret": "demo-secret"}, "unsupported_grant_type"),
        (form(grant_type="magic"), "unsupported_grant_type"),
        (form(grant_type="password"), "unauthorized_client"),
        (form(grant_type="authorization_code"), "unauthorized_client"),
        (form(scope=f"{SCOPE}{HASSELT} {SCOPE}{BRUGGE}"), "invalid_scope"),
        (form(scope="api_informat_sas_leerlingen"), "invalid_scope"),
        (form(scope=SCOPE + "999999"), "invalid_scope"),
        (form(("staffgraph-other", "demo-secret"), scope=SCOPE + BRUGGE), "invalid_client"),
    ],
)
async def test_oauth_errors(http: httpx.AsyncClient, data: dict[str, str], error: str) -> None:
    response = await http.post(TOKEN_URL, data=data)
    assert response.status_code == 400
    assert response.json() == {"error": error}


async def test_json_body_is_an_invalid_request(http: httpx.AsyncClient) -> None:
    response = await http.post(TOKEN_URL, json=form())
    assert response.status_code == 400 and response.json() == {"error": "invalid_request"}


async def test_token_endpoint_only_takes_post(http: httpx.AsyncClient) -> None:
    assert (await http.get(TOKEN_URL)).status_code == 405
    assert (await http.post("/identity/connect/authorize")).status_code == 404
