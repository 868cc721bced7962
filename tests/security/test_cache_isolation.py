"""Caches shared across requests never serve one credential's answer to another.

Reference answers come from a gateway with caching off (``cache_ttl=0``). A gateway with
caching on then gets the same operations from alice, bob, and bob with the Onderwijsloket
*public* token (which reads fewer locations), interleaved and concurrent, twice: every
answer must equal its reference, both rounds, and the second round must cost fewer
upstream calls (it is served from the caches). Refused and failed calls are never cached.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette

from gateway.app import create_app
from gateway.caches import shared_caches
from gateway.demo import demo_settings
from gateway.sources.loket import EMPLOYER_CACHE as EMPLOYERS_CACHE
from gateway.sources.onderwijsloket import LOCATIONS_CACHE
from gateway.upstreams import Upstreams, build_upstreams
from simulators.config import SimConfig
from simulators.server import create_simulator_app
from tests.support.clients import asgi_client

ALICE = {"Authorization": "Bearer demo-loket-alice"}
BOB = {"Authorization": "Bearer demo-loket-bob"}
BOB_PUBLIC = {**BOB, "X-Onderwijsloket-Authorization": "Bearer demo-onderwijsloket-public-token"}
CALLERS = {"alice": ALICE, "bob": BOB, "bob-public": BOB_PUBLIC}
ALICE_SEES = {"Stichting Voortgezet Onderwijs Rijnmond", "Van der Meer Logistiek B.V."}
BOB_SEES = {"Zorggroep De Linde"}
SHA256 = re.compile(r"^[0-9a-f]{64}$")

EMPLOYERS = "{ employers { nodes { id companyName } } }"
NODE = "query($id: ID!) { node(id: $id) { id ... on Employer { companyName } } }"
PERSON_EMPLOYER = """query($e: ID!) { persons(employerId: $e, first: 3) {
  nodes { sourceId employer { companyName } employments { nodes { employer { companyName } } } } } }"""
NEARBY = """{ vacancies(first: 4) { nodes { city
  trainingPrograms(radiusKm: 40, first: 3) { distanceKm program { name } } } } }"""
NEAR_CITY = """{ trainingPrograms(near: {city: "Utrecht", radiusKm: 25}, first: 5) {
  totalCount nodes { name city } } }"""


@pytest.fixture(scope="module")
def simulator_app(sim_config: SimConfig) -> Starlette:
    return create_simulator_app(sim_config)


@asynccontextmanager
async def gateway(
    simulator_app: Starlette, **overrides: Any
) -> AsyncIterator[tuple[httpx.AsyncClient, Upstreams]]:
    settings = replace(demo_settings("http://sim"), **overrides)
    upstreams = build_upstreams(settings, transport=httpx.ASGITransport(app=simulator_app))
    app = create_app(settings, upstreams=upstreams)
    try:
        async with asgi_client(app, base_url="http://gateway") as client:
            yield client, upstreams
    finally:
        await upstreams.aclose()


@pytest.fixture
async def control(simulator_app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    async with asgi_client(simulator_app) as client:
        await client.post("/_sim/reset")
        await client.delete("/_sim/faults")
        await client.delete("/_sim/calls")
        yield client
        await client.delete("/_sim/faults")


async def ask(
    client: httpx.AsyncClient, query: str, variables: dict[str, Any] | None, headers: dict[str, str]
) -> Any:
    answer = await client.post("/graphql", json={"query": query, "variables": variables}, headers=headers)
    assert answer.status_code == 200, answer.text
    return answer.json()


def operations(employer_ids: dict[str, str]) -> list[tuple[str, str, dict[str, Any] | None]]:
    """``(caller, query, variables)`` for every caller, each employer looked up by every caller."""
    ops: list[tuple[str, str, dict[str, Any] | None]] = []
    for caller in CALLERS:
        own = employer_ids[
            "Stichting Voortgezet Onderwijs Rijnmond" if caller == "alice" else "Zorggroep De Linde"
        ]
        ops.append((caller, EMPLOYERS, None))
        ops += [(caller, NODE, {"id": ident}) for ident in employer_ids.values()]
        ops.append((caller, PERSON_EMPLOYER, {"e": own}))
        ops += [(caller, NEARBY, None), (caller, NEAR_CITY, None)]
    # interleave: alice, bob, bob-public, alice, ...
    by_caller = [[op for op in ops if op[0] == caller] for caller in CALLERS]
    return [op for group in zip(*by_caller, strict=True) for op in group]


async def run_all(client: httpx.AsyncClient, ops: list[tuple[str, str, dict[str, Any] | None]]) -> list[Any]:
    return list(await asyncio.gather(*(ask(client, q, v, CALLERS[c]) for c, q, v in ops)))


async def test_every_caller_sees_only_its_own_employers_from_every_cache(
    simulator_app: Starlette, control: httpx.AsyncClient
) -> None:
    async with gateway(simulator_app, cache_ttl=0) as (plain, _):
        alice = await ask(plain, EMPLOYERS, None, ALICE)
        bob = await ask(plain, EMPLOYERS, None, BOB)
        employer_ids = {
            e["companyName"]: e["id"] for body in (alice, bob) for e in body["data"]["employers"]["nodes"]
        }
        assert set(employer_ids) == ALICE_SEES | BOB_SEES
        ops = operations(employer_ids)
        reference = [await ask(plain, q, v, CALLERS[c]) for c, q, v in ops]

    # the reference itself is right: each caller sees its own employers and nobody else's
    for (caller, query, variables), body in zip(ops, reference, strict=True):
        sees = ALICE_SEES if caller == "alice" else BOB_SEES
        if query == NODE:
            ident = variables["id"] if variables else None
            name = next(n for n, i in employer_ids.items() if i == ident)
            node = body["data"]["node"]
            assert (node is not None and node["companyName"] == name) == (name in sees), (caller, body)
        if query == EMPLOYERS:
            assert {e["companyName"] for e in body["data"]["employers"]["nodes"]} == sees
        if query == PERSON_EMPLOYER:
            names = {p["employer"]["companyName"] for p in body["data"]["persons"]["nodes"]}
            assert names and names <= sees
    public = [b for (c, q, _), b in zip(ops, reference, strict=True) if c == "bob-public" and q == NEAR_CITY]
    full = [b for (c, q, _), b in zip(ops, reference, strict=True) if c == "bob" and q == NEAR_CITY]
    assert public != full  # the public token reads fewer programs and locations

    await control.delete("/_sim/calls")
    async with gateway(simulator_app) as (cached, upstreams):
        first = await run_all(cached, ops)
        first_calls = (await control.get("/_sim/calls")).json()
        await control.delete("/_sim/calls")
        second = await run_all(cached, list(reversed(ops)))
        second.reverse()
        second_calls = (await control.get("/_sim/calls")).json()
        caches = shared_caches(upstreams)
        employers, locations = caches[EMPLOYERS_CACHE], caches[LOCATIONS_CACHE]
        keys = employers.keys() + locations.keys()

    assert first == reference
    assert second == reference
    # one employer list per Loket token, one locations table per Onderwijsloket token
    assert len(employers.keys()) == 2 and len(locations.keys()) == 2
    assert all(SHA256.match(credential) for credential, _ in keys)
    assert second_calls["loket"]["total"] < first_calls["loket"]["total"], (first_calls, second_calls)
    assert second_calls["onderwijsloket"]["total"] < first_calls["onderwijsloket"]["total"]
    locations_path = "GET /items/locations"
    assert not any(locations_path in path for path in second_calls["onderwijsloket"]["endpoints"])


async def _calls(control: httpx.AsyncClient, upstream: str) -> int:
    return int((await control.get("/_sim/calls")).json().get(upstream, {}).get("total", 0))


@pytest.mark.parametrize(
    ("fault", "code"),
    [
        ({"mode": "status", "status": 503}, "UPSTREAM_UNAVAILABLE"),
        ({"mode": "malformed"}, "UPSTREAM_BAD_RESPONSE"),
    ],
)
async def test_a_failed_upstream_answer_is_not_cached(
    simulator_app: Starlette, control: httpx.AsyncClient, fault: dict[str, Any], code: str
) -> None:
    async with gateway(simulator_app) as (client, upstreams):
        await control.put("/_sim/faults", json={"upstream": "onderwijsloket", **fault})
        failed = await ask(client, NEAR_CITY, None, ALICE)
        assert failed["errors"][0]["extensions"]["code"] == code
        await control.delete("/_sim/faults")
        before = await _calls(control, "onderwijsloket")
        healed = await ask(client, NEAR_CITY, None, ALICE)
        assert "errors" not in healed and healed["data"]["trainingPrograms"]["totalCount"] > 0
        assert await _calls(control, "onderwijsloket") - before == 2  # the table was fetched, then programs
        assert len(shared_caches(upstreams)[LOCATIONS_CACHE]) == 1


async def test_a_refused_token_is_asked_again_and_never_cached(
    simulator_app: Starlette, control: httpx.AsyncClient
) -> None:
    refused = {"Authorization": "Bearer not-a-loket-token"}
    async with gateway(simulator_app) as (client, upstreams):
        employer = (await ask(client, EMPLOYERS, None, ALICE))["data"]["employers"]["nodes"][0]["id"]
        for attempt in range(2):
            before = await _calls(control, "loket")
            body = await ask(client, NODE, {"id": employer}, refused)
            assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED", (attempt, body)
            assert await _calls(control, "loket") - before == 1
        assert len(shared_caches(upstreams)[EMPLOYERS_CACHE]) == 0


async def test_caching_off_asks_every_time(simulator_app: Starlette, control: httpx.AsyncClient) -> None:
    async with gateway(simulator_app, cache_ttl=0) as (client, _):
        for _ in range(2):
            before = await _calls(control, "onderwijsloket")
            await ask(client, NEAR_CITY, None, ALICE)
            assert await _calls(control, "onderwijsloket") - before == 2


async def test_the_informat_token_cache_is_keyed_by_a_hash(
    simulator_app: Starlette, control: httpx.AsyncClient
) -> None:
    async with gateway(simulator_app) as (client, upstreams):
        for _ in range(2):
            body = await ask(client, '{ persons(instituteNo: "032912", first: 1) { totalCount } }', None, {})
            assert body["data"]["persons"]["totalCount"] > 0, body
        tokens = upstreams.informat_tokens
        assert tokens.fetches == 1
        keys = list(tokens._cache)
        assert keys and all(SHA256.match(key) for key in keys)


def test_cache_settings_from_the_environment() -> None:
    from gateway.exceptions import ConfigError
    from gateway.settings import Settings

    assert (Settings.from_env({}).cache_ttl, Settings.from_env({}).cache_size) == (60.0, 256)
    off = Settings.from_env({"STAFFGRAPH_CACHE_TTL": "0", "STAFFGRAPH_CACHE_SIZE": "10"})
    assert (off.cache_ttl, off.cache_size) == (0.0, 10)
    for bad in (
        {"STAFFGRAPH_CACHE_TTL": "-1"},
        {"STAFFGRAPH_CACHE_TTL": "soon"},
        {"STAFFGRAPH_CACHE_SIZE": "0"},
    ):
        with pytest.raises(ConfigError, match="STAFFGRAPH_CACHE_"):
            Settings.from_env(bad)
