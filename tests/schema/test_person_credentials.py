"""Credentials on the people fields: each caller's Loket token reaches only that caller's calls, and a
missing or refused credential is an error on that upstream's fields while the others still answer."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest
from starlette.applications import Starlette

from gateway.context import build_context
from gateway.secrets import credential_hash
from gateway.settings import InboundAuth
from gateway.upstreams import build_upstreams
from schema.schema import schema
from tests.schema.conftest import ALICE, BOB, Gateway, simulator_settings

BOTH = """{ employers { nodes { companyName } } institutes { nodes { number } } }"""
PERSONS = """query($employer: ID!) { persons(employerId: $employer, first: 50) {
  nodes { sourceId employments { nodes { jobTitle } } absences { totalCount } } } }"""


class Recording(httpx.AsyncBaseTransport):
    """Forwards to the simulators and remembers (path, Authorization) of every request."""

    def __init__(self, app: Starlette) -> None:
        self.inner = httpx.ASGITransport(app=app)
        self.seen: list[tuple[str, str | None]] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.seen.append((request.url.path, request.headers.get("authorization")))
        return await self.inner.handle_async_request(request)


@pytest.fixture
async def recording(simulator_app: Starlette, gateway: Gateway) -> AsyncIterator[tuple[Recording, Gateway]]:
    transport = Recording(simulator_app)
    upstreams = build_upstreams(gateway.settings, transport=transport)
    yield transport, Gateway(gateway.settings, upstreams, gateway.control)
    await upstreams.aclose()


async def employer_ids(gw: Gateway, headers: dict[str, str]) -> list[str]:
    result = await gw.execute("{ employers { nodes { id sourceId } } }", **headers)
    return [node["id"] for node in result.data["employers"]["nodes"]]


async def test_interleaved_callers_never_share_a_loket_token(recording: tuple[Recording, Gateway]) -> None:
    transport, gw = recording
    alice, bob = await employer_ids(gw, ALICE), await employer_ids(gw, BOB)
    transport.seen.clear()
    runs = [(ALICE, e) for e in alice] + [(BOB, e) for e in bob]
    results = await asyncio.gather(*(gw.execute(PERSONS, {"employer": e}, **h) for h, e in runs * 2))
    assert all(r.errors is None and r.data["persons"]["nodes"] for r in results)
    alice_ids = {split(e) for e in alice}
    bob_ids = {split(e) for e in bob}
    loket_calls = [(path, auth) for path, auth in transport.seen if path.startswith("/loket/")]
    assert len(loket_calls) >= 3 * 5
    for path, auth in loket_calls:
        owner = (
            "alice"
            if any(i in path for i in alice_ids)
            else "bob"
            if any(i in path for i in bob_ids)
            else None
        )
        assert owner is not None, path
        assert auth == f"Bearer demo-loket-{owner}", (path, auth)


def split(global_id: str) -> str:
    from strawberry import relay

    return relay.GlobalID.from_id(global_id).node_id.split(":")[1]


async def test_missing_loket_credential_fails_only_the_loket_fields(gateway: Gateway) -> None:
    result = await gateway.execute(BOTH)
    assert result.data["employers"] is None
    assert result.data["institutes"]["nodes"]
    [error] = result.errors
    assert error.path == ["employers"]
    assert error.extensions["code"] == "UNAUTHENTICATED" and error.extensions["upstream"] == "loket"


async def test_refused_informat_token_fails_only_the_informat_fields(gateway: Gateway) -> None:
    result = await gateway.execute(
        """{ employers { nodes { companyName } } persons(instituteNo: "032912") { totalCount } }""",
        **{**ALICE, "x-informat-authorization": "Bearer forged"},
    )
    assert len(result.data["employers"]["nodes"]) == 2
    assert result.data["persons"] is None
    [error] = result.errors
    assert error.extensions == {"code": "UNAUTHENTICATED", "upstream": "informat", "status": 401}
    assert "forged" not in str(error.message)


async def test_a_school_outside_the_scopes_is_forbidden(gateway: Gateway) -> None:
    result = await gateway.execute('{ persons(instituteNo: "126425") { totalCount } }')
    [error] = result.errors
    assert error.extensions == {"code": "FORBIDDEN", "upstream": "informat", "status": 403}


async def test_without_informat_credentials_no_call_is_made(
    simulator_app: Starlette, gateway: Gateway
) -> None:
    settings = simulator_settings(informat_client_id=None, informat_client_secret=None)
    upstreams = build_upstreams(settings, transport=httpx.ASGITransport(app=simulator_app))
    try:
        context = build_context({}, settings, upstreams)
        result = await schema.execute(
            '{ persons(instituteNo: "032912") { totalCount } }', context_value=context
        )
    finally:
        await upstreams.aclose()
    [error] = result.errors
    assert error.extensions == {"code": "UNAUTHENTICATED", "upstream": "informat", "status": None}
    assert (await gateway.calls())["total"] == 0


class AllHeaders(httpx.AsyncBaseTransport):
    """Forwards to the simulators and remembers every header of every request."""

    def __init__(self, app: Starlette) -> None:
        self.inner = httpx.ASGITransport(app=app)
        self.seen: list[tuple[str, dict[str, str]]] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.seen.append((request.url.path, dict(request.headers)))
        return await self.inner.handle_async_request(request)


EVERY_UPSTREAM = """{ employers { totalCount } persons(instituteNo: "032912", first: 2) { totalCount }
  vacancies(first: 2) { totalCount } trainingPrograms(first: 2) { totalCount } }"""


async def test_the_callers_gateway_credential_never_goes_upstream(
    simulator_app: Starlette, gateway: Gateway
) -> None:
    key = "staffgraph-caller-key-5d2e"
    auth = InboundAuth(mode="api-key", api_key_hashes=frozenset({credential_hash(key)}))
    settings = simulator_settings(auth=auth)
    transport = AllHeaders(simulator_app)
    upstreams = build_upstreams(settings, transport=transport)
    try:
        context = build_context({**ALICE, "X-Staffgraph-Authorization": f"Bearer {key}"}, settings, upstreams)
        result = await schema.execute(EVERY_UPSTREAM, context_value=context)
    finally:
        await upstreams.aclose()
    assert result.errors is None
    assert {path.split("/")[1] for path, _ in transport.seen} >= {"loket", "informat", "ictergezocht"}
    for path, headers in transport.seen:
        assert "x-staffgraph-authorization" not in headers, path
        assert all(key not in value for value in headers.values()), path


async def test_a_caller_the_gateway_cannot_verify_costs_no_informat_call(
    simulator_app: Starlette, gateway: Gateway
) -> None:
    auth = InboundAuth(mode="api-key", api_key_hashes=frozenset({credential_hash("known")}))
    settings = simulator_settings(auth=auth)
    upstreams = build_upstreams(settings, transport=httpx.ASGITransport(app=simulator_app))
    try:
        context = build_context(
            {**ALICE, "X-Staffgraph-Authorization": "Bearer unknown"}, settings, upstreams
        )
        result = await schema.execute(EVERY_UPSTREAM, context_value=context)
    finally:
        await upstreams.aclose()
    assert result.data["employers"]["totalCount"] == 2
    codes = {error.path[0]: error.extensions for error in result.errors}
    assert set(codes) == {"persons", "vacancies", "trainingPrograms"}
    assert codes["persons"] == {
        "code": "UNAUTHENTICATED",
        "upstream": "informat",
        "status": None,
        "header": "X-Staffgraph-Authorization",
    }
    calls = await gateway.calls()
    assert calls["total"] == calls["loket"]["total"]  # no token fetched, no Informat call, none elsewhere
