"""The limits on the HTTP request itself: body size (413), requests in flight (503), GraphiQL's switch."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

from starlette.types import ASGIApp, Receive, Scope, Send

from gateway.http import BodySizeLimit, LoadShedder
from tests.gateway.limits.conftest import ALICE, GatewayFactory, GraphQLResponse
from tests.support.clients import asgi_client

TYPENAME = {"query": "{ __typename }"}


async def test_a_body_over_the_limit_is_413_before_it_is_parsed(limited_gateway: GatewayFactory) -> None:
    async with limited_gateway(max_body_bytes=1024) as g:
        padding = " " * 2000  # valid JSON: the refusal is about size, not content
        answer = await g.gateway.post(
            "/graphql",
            content=f'{{"query": "{{ __typename }}"{padding}}}'.encode(),
            headers={"content-type": "application/json", "accept": GraphQLResponse},
        )
        assert answer.status_code == 413 and answer.headers["content-type"].startswith(GraphQLResponse)
        [error] = answer.json()["errors"]
        assert (
            error["extensions"]["code"] == "PAYLOAD_TOO_LARGE"
            and "STAFFGRAPH_MAX_BODY_BYTES" in error["message"]
        )
        small = await g.gateway.post("/graphql", json=TYPENAME)
        assert small.status_code == 200 and small.json() == {"data": {"__typename": "Query"}}


async def test_a_chunked_body_is_counted_as_it_streams_and_never_reaches_the_app() -> None:
    reached: list[bytes] = []

    async def app(scope: Scope, receive: Receive, send: Send) -> None:  # pragma: no cover - must not run
        reached.append((await receive())["body"])

    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(10):
            yield b"x" * 200  # no Content-Length: httpx sends it chunked

    async with asgi_client(BodySizeLimit(app, max_bytes=1000)) as client:
        answer = await client.post("/graphql", content=chunks(), headers={"content-type": "application/json"})
    assert answer.status_code == 413 and reached == []


async def test_the_body_reaches_the_app_whole_when_it_fits() -> None:
    seen: list[bytes] = []

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        seen.append((await receive())["body"])
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    async def chunks() -> AsyncIterator[bytes]:
        for part in (b"ab", b"cd", b"ef"):
            yield part

    async with asgi_client(BodySizeLimit(app, max_bytes=6)) as client:
        answer = await client.post("/", content=chunks())
    assert answer.status_code == 204 and seen == [b"abcdef"]


async def test_over_the_in_flight_limit_the_next_request_gets_503_at_once() -> None:
    release = asyncio.Event()
    entered = asyncio.Event()

    async def slow(scope: Scope, receive: Receive, send: Send) -> None:
        entered.set()
        await release.wait()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"done"})

    shedder = LoadShedder(slow, max_in_flight=1)
    async with asgi_client(shedder) as client:
        first = asyncio.create_task(client.post("/graphql", json=TYPENAME))
        await entered.wait()
        refused = await client.post("/graphql", json=TYPENAME, headers={"accept": GraphQLResponse})
        assert refused.status_code == 503 and refused.headers["retry-after"] == "1"
        [error] = refused.json()["errors"]
        assert error["extensions"]["code"] == "OVERLOADED" and "STAFFGRAPH_MAX_IN_FLIGHT" in error["message"]
        assert not first.done()  # refused while the first was still being served, not after it
        release.set()
        assert (await first).status_code == 200
        assert shedder.in_flight == 0
        # capacity is back
        release.clear()
        again = asyncio.create_task(client.post("/graphql", json=TYPENAME))
        await asyncio.sleep(0)
        release.set()
        assert (await again).status_code == 200


class HoldFirst:
    """ASGI middleware for a test: the first HTTP request waits inside it until ``release`` is set;
    the others pass (so a request that should have been refused answers instead of hanging)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.entered = asyncio.Event()
        self.release = asyncio.Event()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and not self.entered.is_set():
            self.entered.set()
            await self.release.wait()
        await self.app(scope, receive, send)


async def test_the_gateway_sheds_graphql_but_keeps_answering_health_checks(
    limited_gateway: GatewayFactory,
) -> None:
    async with limited_gateway(max_in_flight=1) as g:
        [shedder] = [r.app for r in g.app.routes if isinstance(getattr(r, "app", None), LoadShedder)]
        hold = shedder.app = HoldFirst(shedder.app)  # the first request stays in flight until released
        held = asyncio.create_task(g.post("{ employers { totalCount } }"))
        await asyncio.wait_for(hold.entered.wait(), timeout=10)
        assert shedder.in_flight == 1
        refused = await g.gateway.post("/graphql", json=TYPENAME, headers=ALICE)
        assert refused.status_code == 503
        assert not held.done()  # refused while the other was in flight: not queued behind it
        assert (await g.gateway.get("/healthz")).status_code == 200
        hold.release.set()
        answered = await held
        assert answered.status_code == 200 and answered.json()["data"]["employers"]["totalCount"] == 2
        assert shedder.in_flight == 0
        assert (await g.gateway.post("/graphql", json=TYPENAME)).status_code == 200


async def test_graphiql_can_be_switched_off(limited_gateway: GatewayFactory) -> None:
    page = {"accept": "text/html"}
    async with limited_gateway() as on:
        assert (
            (await on.gateway.get("/graphql", headers=page)).headers["content-type"].startswith("text/html")
        )
    async with limited_gateway(graphiql=False) as off:
        answer = await off.gateway.get("/graphql", headers=page)
        assert answer.status_code == 400 and "text/html" not in answer.headers["content-type"]
        assert "No GraphQL query" in answer.json()["errors"][0]["message"]
        ran = await off.gateway.get("/graphql", params={"query": "{ __typename }"}, headers=page)
        assert ran.json() == {"data": {"__typename": "Query"}}


async def test_a_large_request_within_the_default_limit_still_runs(limited_gateway: GatewayFactory) -> None:
    """The default (2 MiB) leaves room for a base64 attachment of a megabyte."""
    async with limited_gateway() as g:
        body = {
            "query": "query($pad: String!) { __type(name: $pad) { name } }",
            "variables": {"pad": "A" * 10**6},
        }
        answer = await g.gateway.post("/graphql", json=body)
        assert answer.status_code == 200 and answer.json() == {"data": {"__type": None}}, answer.text[:200]
