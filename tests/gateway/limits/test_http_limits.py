"""The limits on the HTTP request itself: body size (413), requests in flight (503), GraphiQL's switch."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator

from starlette.types import Receive, Scope, Send

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


async def test_the_gateway_sheds_graphql_but_keeps_answering_health_checks(
    limited_gateway: GatewayFactory,
) -> None:
    async with limited_gateway(max_in_flight=1) as g:
        await g.control.put("/_sim/faults", json={"upstream": "loket", "latency_ms": 600})
        slow = asyncio.create_task(g.post("{ employers { totalCount } }"))
        # wait (bounded) until the slow request holds the only slot
        shedders = [r.app for r in g.app.routes if isinstance(getattr(r, "app", None), LoadShedder)]
        [shedder] = shedders
        deadline = time.monotonic() + 5
        while shedder.in_flight == 0 and time.monotonic() < deadline:
            await asyncio.sleep(0.005)
        started = time.monotonic()
        refused = await g.gateway.post("/graphql", json=TYPENAME, headers=ALICE)
        assert (
            refused.status_code == 503 and time.monotonic() - started < 0.3
        )  # not queued behind the slow one
        assert (await g.gateway.get("/healthz")).status_code == 200
        answered = await slow
        assert answered.status_code == 200 and answered.json()["data"]["employers"]["totalCount"] == 2
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
