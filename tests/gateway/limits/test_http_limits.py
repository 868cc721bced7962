"""The limits on the HTTP request itself: body size (413) and time (408), requests in flight (503),
JSON nesting, the header limits' settings, GraphiQL's switch (over real sockets:
tests/security/test_http_abuse.py)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from typing import Any, TypeVar

import pytest
from starlette.applications import Starlette
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gateway.exceptions import ConfigError
from gateway.http import LoadShedder, RequestBody, nesting_depth, nests_deeper_than
from gateway.http.protocol import protocol_for
from gateway.settings import ClientTimeouts, RequestLimits, Settings
from tests.gateway.limits.conftest import ALICE, GatewayFactory, GraphQLResponse
from tests.support.clients import asgi_client

TYPENAME = {"query": "{ __typename }"}
Middleware = TypeVar("Middleware")


def graphql_middleware(app: Starlette, kind: type[Middleware]) -> Middleware:
    """The middleware of type ``kind`` in front of the /graphql view (following each ``.app``)."""
    [route] = [r for r in app.routes if isinstance(r, Route) and r.path == "/graphql"]  # not the WebSocket's
    layer: Any = route.app
    while not isinstance(layer, kind):
        layer = layer.app
    return layer


async def answer_204(scope: Scope, receive: Receive, send: Send) -> None:
    await send({"type": "http.response.start", "status": 204, "headers": []})
    await send({"type": "http.response.body", "body": b""})


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

    async with asgi_client(RequestBody(app, max_bytes=1000, timeout=60)) as client:
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

    async with asgi_client(RequestBody(app, max_bytes=6, timeout=60)) as client:
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
        shedder = graphql_middleware(g.app, LoadShedder)
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


async def test_a_body_slower_than_its_deadline_is_408_closes_and_never_reaches_the_app() -> None:
    reached: list[Scope] = []

    async def app(scope: Scope, receive: Receive, send: Send) -> None:  # pragma: no cover - must not run
        reached.append(scope)

    async def stalls() -> AsyncIterator[bytes]:
        yield b'{"query": '
        await asyncio.Event().wait()  # the rest never comes

    async with asgi_client(RequestBody(app, max_bytes=1000, timeout=0.2)) as client:
        answer = await client.post(
            "/graphql",
            content=stalls(),
            headers={"content-type": "application/json", "accept": GraphQLResponse},
        )
    assert answer.status_code == 408 and answer.headers["connection"] == "close" and reached == []
    assert answer.headers["content-type"].startswith(GraphQLResponse)
    [error] = answer.json()["errors"]
    assert error["extensions"]["code"] == "REQUEST_TIMEOUT" and "STAFFGRAPH_BODY_TIMEOUT" in error["message"]


async def test_a_client_gone_mid_body_is_answered_nothing_and_logs_no_error(
    caplog: pytest.LogCaptureFixture,
) -> None:
    reached: list[Scope] = []

    async def app(scope: Scope, receive: Receive, send: Send) -> None:  # pragma: no cover - must not run
        reached.append(scope)

    messages: list[Message] = [
        {"type": "http.request", "body": b'{"query":', "more_body": True},
        {"type": "http.disconnect"},
    ]
    sent: list[Message] = []

    async def receive() -> Message:
        return messages.pop(0)

    async def send(message: Message) -> None:
        sent.append(message)

    body = RequestBody(app, max_bytes=1000, timeout=10)
    scope = {"type": "http", "method": "POST", "path": "/graphql", "headers": []}
    with caplog.at_level(logging.DEBUG):
        await body(scope, receive, send)
    assert reached == [] and sent == [] and body.reading == 0
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


async def test_a_request_is_in_flight_only_once_its_body_is_in() -> None:
    """Clients still sending their bodies hold no place in flight: a request ready to run gets one."""
    release = asyncio.Event()

    async def stalls() -> AsyncIterator[bytes]:
        yield b'{"query": '
        await release.wait()
        yield b'"{ __typename }"}'

    shedder = LoadShedder(answer_204, max_in_flight=1)
    body = RequestBody(shedder, max_bytes=1000, timeout=60)
    async with asgi_client(body) as client:
        slow = [asyncio.create_task(client.post("/graphql", content=stalls())) for _ in range(3)]
        while body.reading < 3:
            await asyncio.sleep(0)
        assert shedder.in_flight == 0
        ready = await client.post("/graphql", json=TYPENAME)
        assert ready.status_code == 204
        release.set()
        assert [(await task).status_code for task in slow] == [204, 204, 204]
    assert body.reading == 0 and shedder.in_flight == 0


def test_the_graphql_route_reads_the_body_before_it_counts_a_request_in_flight() -> None:
    from gateway.app import create_app
    from gateway.demo import demo_settings

    app = create_app(demo_settings("http://sim"))
    body = graphql_middleware(app, RequestBody)
    assert isinstance(body.app.app, LoadShedder)  # behind the event-stream switch (gateway.live.sse)
    assert body.timeout == ClientTimeouts().body and body.max_bytes == RequestLimits().max_body_bytes


@pytest.mark.parametrize(
    ("text", "depth"),
    [
        ("1", 0),
        ('{"a": 1}', 1),
        ("[[1], [2, [3]]]", 3),
        ('{"a": "[[[[{{"}', 1),  # brackets in a string are text
        (r'{"a": "\"[[[["}', 1),  # ... after an escaped quote too
        (r'["\\", [[]]]', 3),  # an escaped backslash ends before the quote
        ('{"é": "[", "b": [{}]}', 3),
        ('"unterminated [[[', 0),
        ("[" * 100_000 + "]" * 100_000, 100_000),
    ],
)
def test_nesting_depth_counts_arrays_and_objects_outside_strings(text: str, depth: int) -> None:
    assert nesting_depth(text) == depth == nesting_depth(text.encode())


def test_nesting_over_a_limit_is_told_only_when_over_it() -> None:
    assert nests_deeper_than("[" * 64 + "]" * 64, 64) is None
    assert nests_deeper_than("[" * 65 + "]" * 65, 64) == 65
    assert nests_deeper_than('["' + "[" * 1000 + '"]', 64) is None  # many brackets, all in text


def test_the_slow_client_limits_are_read_from_the_environment() -> None:
    settings = Settings.from_env(
        {
            "STAFFGRAPH_HEADER_TIMEOUT": "2.5",
            "STAFFGRAPH_BODY_TIMEOUT": "30",
            "STAFFGRAPH_MAX_JSON_DEPTH": "20",
            "STAFFGRAPH_MAX_HEADER_BYTES": "8192",
        }
    )
    assert settings.client_timeouts == ClientTimeouts(header=2.5, body=30.0)
    assert settings.limits.max_json_depth == 20 and settings.limits.max_header_bytes == 8192
    defaults = Settings.from_env({})
    assert defaults.client_timeouts == ClientTimeouts(header=10.0, body=10.0)
    assert defaults.limits.max_json_depth == 64 and defaults.limits.max_header_bytes == 128 * 1024
    protocol = protocol_for(settings)
    assert (protocol.header_timeout, protocol.max_header_bytes) == (2.5, 8192)
    with pytest.raises(ConfigError, match="STAFFGRAPH_BODY_TIMEOUT must be positive"):
        Settings.from_env({"STAFFGRAPH_BODY_TIMEOUT": "0"})
    with pytest.raises(ConfigError, match="STAFFGRAPH_MAX_JSON_DEPTH must be a whole number"):
        Settings.from_env({"STAFFGRAPH_MAX_JSON_DEPTH": "deep"})
