"""Who may read what: static tokens, the public role, temporary tokens, and the vendor policy."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable

import httpx
import pytest

from simulators.config import SimConfig
from simulators.onderwijsloket import create_upstream
from simulators.onderwijsloket.auth import ACCESS_TOKEN_TTL
from simulators.server import create_simulator_app
from tests.support.clients import asgi_client

FULL = "demo-onderwijsloket-token"
PUBLIC = "demo-onderwijsloket-public-token"
Error = Callable[[httpx.Response], tuple[int, str]]


@pytest.mark.parametrize(
    ("headers", "params", "status", "code"),
    [
        ({}, {}, 403, "FORBIDDEN"),  # public role reads nothing
        ({"Authorization": "Bearer wrong-token"}, {}, 401, "INVALID_CREDENTIALS"),
        ({"Authorization": "Bearer "}, {}, 403, "FORBIDDEN"),  # empty token = no token
        ({"Authorization": f"Bearer  {FULL}"}, {}, 403, "FORBIDDEN"),  # two spaces: not a Bearer header
        ({"Authorization": f"Basic {FULL}"}, {}, 403, "FORBIDDEN"),  # other schemes are ignored
        ({}, {"access_token": "wrong-token"}, 401, "INVALID_CREDENTIALS"),
        (
            {"Authorization": "Bearer wrong-token"},
            {"access_token": FULL},
            401,
            "INVALID_CREDENTIALS",
        ),  # header wins
        ({"Authorization": "Bearer x.eyJpc3MiOiJkaXJlY3R1cyJ9.sig"}, {}, 403, "INVALID_TOKEN"),  # forged JWT
        (
            {"Authorization": "Bearer x.eyJpc3MiOiJvdGhlciJ9.sig"},
            {},
            401,
            "INVALID_CREDENTIALS",
        ),  # not Directus's
    ],
)
async def test_bad_or_missing_credentials(
    anonymous: httpx.AsyncClient, error_of: Error, headers: dict, params: dict, status: int, code: str
) -> None:
    response = await anonymous.get("/items/programs", headers=headers, params=params)
    assert error_of(response) == (status, code)


@pytest.mark.parametrize(
    ("headers", "params"),
    [
        ({"Authorization": f"Bearer {FULL}"}, {}),
        ({"Authorization": f"bearer {FULL}"}, {}),
        ({}, {"access_token": FULL}),
        ({"Authorization": f"Bearer {FULL}"}, {"access_token": "ignored"}),
    ],
)
async def test_the_static_token_is_accepted_wherever_directus_reads_it(
    anonymous: httpx.AsyncClient, headers: dict, params: dict
) -> None:
    response = await anonymous.get("/items/programs", headers=headers, params={**params, "limit": 1})
    assert response.status_code == 200 and len(response.json()["data"]) == 1


async def test_public_role_answers_forbidden_naming_the_collection(anonymous: httpx.AsyncClient) -> None:
    body = (await anonymous.get("/items/locations")).json()
    assert 'collection "locations"' in body["errors"][0]["message"]


async def test_unknown_token_fails_before_the_collection_is_looked_at(anonymous: httpx.AsyncClient) -> None:
    response = await anonymous.get("/items/no_such_collection", headers={"Authorization": "Bearer nope"})
    assert response.status_code == 401


@pytest.mark.parametrize("collection", ["programs", "program_forms", "educational_institutions", "locations"])
async def test_navigator_token_sees_only_onderwijsloket_vendor_rows(
    anonymous: httpx.AsyncClient, rows: dict, collection: str
) -> None:
    response = await anonymous.get(
        f"/items/{collection}",
        params={"limit": -1, "fields": "id,vendor", "meta": "total_count"},
        headers={"Authorization": f"Bearer {PUBLIC}"},
    )
    expected = sorted(row["id"] for row in rows[collection] if row["vendor"] == "onderwijsloket")
    body = response.json()
    assert expected and sorted(item["id"] for item in body["data"]) == expected
    assert body["meta"]["total_count"] == len(expected) < len(rows[collection])


async def test_navigator_token_gets_forbidden_on_another_vendors_item(
    anonymous: httpx.AsyncClient, rows: dict, error_of: Error
) -> None:
    hovi = next(row for row in rows["programs"] if row["vendor"] == "hovi")
    own = next(row for row in rows["programs"] if row["vendor"] == "onderwijsloket")
    headers = {"Authorization": f"Bearer {PUBLIC}"}
    assert error_of(await anonymous.get(f"/items/programs/{hovi['id']}", headers=headers)) == (
        403,
        "FORBIDDEN",
    )
    assert (await anonymous.get(f"/items/programs/{own['id']}", headers=headers)).json()["data"]["id"] == own[
        "id"
    ]


async def test_navigator_token_sees_other_vendors_relations_as_null(
    anonymous: httpx.AsyncClient, rows: dict, by_id: dict, links: Callable
) -> None:
    """Curated zij-instroom at a hovi hogeschool: the programme is readable, its institution is not."""
    program = next(
        row
        for row in rows["programs"]
        if row["vendor"] == "onderwijsloket"
        and by_id["educational_institutions"][
            links(
                "educational_institutions_programs", "programs_id", row["id"], "educational_institutions_id"
            )[0]
        ]["vendor"]
        == "hovi"
    )
    response = await anonymous.get(
        f"/items/programs/{program['id']}",
        params={"fields": "educational_institutions.educational_institutions_id.title"},
        headers={"Authorization": f"Bearer {PUBLIC}"},
    )
    assert response.json()["data"]["educational_institutions"] == [{"educational_institutions_id": None}]
    # and a filter through that relation cannot see the hidden title either
    title = by_id["educational_institutions"][
        links(
            "educational_institutions_programs", "programs_id", program["id"], "educational_institutions_id"
        )[0]
    ]["title"]
    hidden = await anonymous.get(
        "/items/programs",
        params={
            "filter[educational_institutions][educational_institutions_id][title][_eq]": title,
            "fields": "id",
            "limit": -1,
        },
        headers={"Authorization": f"Bearer {PUBLIC}"},
    )
    assert hidden.json()["data"] == []


@pytest.mark.parametrize("method", ["POST", "PATCH", "DELETE"])
async def test_writes_are_forbidden(
    client: httpx.AsyncClient, rows: dict, error_of: Error, method: str
) -> None:
    path = "/items/programs" if method == "POST" else f"/items/programs/{rows['programs'][0]['id']}"
    assert error_of(await client.request(method, path, json={"title": "x"})) == (403, "FORBIDDEN")


class FakeClock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
async def timed(sim_config: SimConfig, clock: FakeClock) -> AsyncIterator[tuple[httpx.AsyncClient, Callable]]:
    bundle = create_upstream(SimConfig(seed=sim_config.seed, today=sim_config.today, clock=clock))
    app = create_simulator_app(sim_config, upstreams=[bundle])
    async with asgi_client(app, "http://sim/onderwijsloket") as http:
        yield http, bundle.reset


async def _login(http: httpx.AsyncClient, email: str, password: str) -> dict:
    response = await http.post("/auth/login", json={"email": email, "password": password})
    assert response.status_code == 200, response.text
    return response.json()["data"]


async def test_login_gives_an_expiring_token_with_the_accounts_rights(
    timed: tuple[httpx.AsyncClient, Callable], clock: FakeClock, error_of: Error, rows: dict
) -> None:
    http, _ = timed
    tokens = await _login(http, "navigator@onderwijsloket.example", "navigator-onderwijsloket-password")
    assert tokens["expires"] == ACCESS_TOKEN_TTL * 1000 and tokens["refresh_token"]
    headers = {"Authorization": f"Bearer {tokens['access_token']}"}
    meta = (
        await http.get("/items/programs", params={"meta": "total_count", "limit": 0}, headers=headers)
    ).json()
    assert meta["meta"]["total_count"] == sum(row["vendor"] == "onderwijsloket" for row in rows["programs"])
    clock.now += ACCESS_TOKEN_TTL + 1
    assert error_of(await http.get("/items/programs", headers=headers)) == (401, "TOKEN_EXPIRED")
    renewed = await http.post(
        "/auth/refresh", json={"refresh_token": tokens["refresh_token"], "mode": "json"}
    )
    fresh = {"Authorization": f"Bearer {renewed.json()['data']['access_token']}"}
    assert (await http.get("/items/programs", params={"limit": 1}, headers=fresh)).status_code == 200
    reused = await http.post("/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
    assert error_of(reused) == (401, "INVALID_CREDENTIALS")


async def test_tampered_and_pre_reset_tokens_are_invalid(
    timed: tuple[httpx.AsyncClient, Callable], error_of: Error
) -> None:
    http, reset = timed
    token = (await _login(http, "demo@onderwijsloket.example", "demo-onderwijsloket-password"))[
        "access_token"
    ]
    head, body, signature = token.split(".")
    forged = f"{head}.{body}.{signature[:-2]}xx"
    assert error_of(await http.get("/items/programs", headers={"Authorization": f"Bearer {forged}"})) == (
        403,
        "INVALID_TOKEN",
    )
    reset()
    assert error_of(await http.get("/items/programs", headers={"Authorization": f"Bearer {token}"})) == (
        403,
        "INVALID_TOKEN",
    )
    static = await http.get(
        "/items/programs", params={"limit": 1}, headers={"Authorization": f"Bearer {FULL}"}
    )
    assert static.status_code == 200


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"email": "demo@onderwijsloket.example", "password": "wrong"}, 401, "INVALID_CREDENTIALS"),
        ({"email": "nobody@onderwijsloket.example", "password": "x"}, 401, "INVALID_CREDENTIALS"),
        ({"password": "x"}, 400, "INVALID_PAYLOAD"),
        ({"email": "not-an-email", "password": "x"}, 400, "INVALID_PAYLOAD"),
        ({"email": "demo@onderwijsloket.example"}, 400, "INVALID_PAYLOAD"),
        ({"email": 5, "password": "x"}, 400, "INVALID_PAYLOAD"),
        ([], 400, "INVALID_PAYLOAD"),
    ],
)
async def test_login_rejections(
    anonymous: httpx.AsyncClient, error_of: Error, body: object, status: int, code: str
) -> None:
    assert error_of(await anonymous.post("/auth/login", json=body)) == (status, code)


async def test_login_with_a_broken_body_and_refresh_without_token(
    anonymous: httpx.AsyncClient, error_of: Error
) -> None:
    assert error_of(await anonymous.post("/auth/login", content=b"{nope")) == (400, "INVALID_PAYLOAD")
    assert error_of(await anonymous.post("/auth/refresh", json={})) == (400, "INVALID_PAYLOAD")


async def test_users_me_names_the_token_holder(anonymous: httpx.AsyncClient, error_of: Error) -> None:
    me = await anonymous.get("/users/me", headers={"Authorization": f"Bearer {PUBLIC}"})
    assert me.json()["data"]["email"] == "navigator@onderwijsloket.example"
    assert error_of(await anonymous.get("/users/me")) == (401, "INVALID_CREDENTIALS")
    assert (await anonymous.get("/server/ping")).text == "pong"
