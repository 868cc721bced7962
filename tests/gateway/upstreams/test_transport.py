"""The aiohttp transport under the upstream clients, over real sockets on loopback.

What the gateway relied on with httpx's own pool must still hold: the same httpx exceptions
for the same events (so ``UpstreamClient`` maps them to the same errors), no cookies carried
from one request to the next, bodies decompressed, the request's headers and body sent as
built, and timeouts that fire.
"""

from __future__ import annotations

import gzip
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from gateway.exceptions import UpstreamTimeout, UpstreamUnavailable
from gateway.settings import UpstreamTimeouts
from gateway.upstreams.base import DEFAULT_LIMITS, UpstreamClient
from gateway.upstreams.transport import AiohttpTransport, default_transport
from tests.support.servers import free_port, serve_in_thread


async def echo(request: Request) -> Response:
    body = await request.body()
    return JSONResponse(
        {
            "method": request.method,
            "query": request.url.query,
            "cookie": request.headers.get("cookie"),
            "authorization": request.headers.get("authorization"),
            "content_type": request.headers.get("content-type"),
            "body": body.decode(),
        },
        headers={"Set-Cookie": "session=abc; Path=/"},
    )


async def zipped(request: Request) -> Response:
    return Response(
        gzip.compress(b'{"rows": [1, 2, 3]}'),
        headers={"Content-Encoding": "gzip"},
        media_type="application/json",
    )


async def slow(request: Request) -> Response:
    import asyncio

    await asyncio.sleep(2)
    return JSONResponse({})


APP = Starlette(
    routes=[
        Route("/echo", echo, methods=["GET", "POST"]),
        Route("/zipped", zipped),
        Route("/slow", slow),
    ]
)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with serve_in_thread(APP) as url:
        yield url


def client(base_url: str, read: float = 5.0) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        base_url=base_url, transport=AiohttpTransport(DEFAULT_LIMITS), timeout=httpx.Timeout(read, connect=2)
    )


async def test_sends_the_request_as_built(server: str) -> None:
    async with client(server) as http:
        first = await http.post(
            "/echo",
            params={"filter": "a eq 'b c' and d eq '1&2=3+4%'"},
            json={"x": 1},
            headers={"Authorization": "Bearer t1"},
        )
        second = await http.get("/echo", headers={"Authorization": "Bearer t2"})
    assert first.status_code == 200
    sent = first.json()
    assert sent["method"] == "POST" and sent["query"] == str(first.request.url.query, "ascii")
    assert "%26" in sent["query"] and "%3D" in sent["query"] and "%2B" in sent["query"]
    assert sent["authorization"] == "Bearer t1" and sent["content_type"] == "application/json"
    assert sent["body"] == '{"x":1}'
    assert second.json()["authorization"] == "Bearer t2"


async def test_a_cookie_one_answer_sets_never_reaches_the_next_request(server: str) -> None:
    """Neither httpx's jar (cleared per call) nor aiohttp's (none at all) carries it over."""
    upstream = UpstreamClient(server, timeouts=UpstreamTimeouts(connect=2, read=5))
    first = await upstream.request("GET", "/echo", headers={"Authorization": "Bearer alice"})
    second = await upstream.request("GET", "/echo", headers={"Authorization": "Bearer bob"})
    await upstream.aclose()
    assert first.headers["set-cookie"].startswith("session=")
    assert second.json()["cookie"] is None and second.json()["authorization"] == "Bearer bob"


async def test_compressed_answers_arrive_decoded(server: str) -> None:
    async with client(server) as http:
        answer = await http.get("/zipped")
    assert answer.json() == {"rows": [1, 2, 3]}
    assert "content-encoding" not in answer.headers


async def test_a_closed_port_is_a_connect_error_and_an_unavailable_upstream() -> None:
    closed = f"http://127.0.0.1:{free_port()}"
    async with client(closed) as http:
        with pytest.raises(httpx.ConnectError):
            await http.get("/anything")
    upstream = UpstreamClient(closed, timeouts=UpstreamTimeouts(connect=2, read=2))
    with pytest.raises(UpstreamUnavailable, match="could not be reached"):
        await upstream.request("GET", "/anything", guarded=False)
    await upstream.aclose()


@contextmanager
def resetting_server() -> Iterator[str]:
    """Accepts, reads the request, then closes without a word: a reset upstream."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    port = listener.getsockname()[1]
    stop = threading.Event()

    def serve() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            conn.recv(65536)
            conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop.set()
        thread.join(timeout=5)
        listener.close()


async def test_a_connection_closed_without_an_answer_is_unavailable_not_a_timeout() -> None:
    with resetting_server() as url:
        async with client(url) as http:
            with pytest.raises(httpx.TransportError) as raised:
                await http.get("/x")
        assert not isinstance(raised.value, httpx.TimeoutException)
        upstream = UpstreamClient(url, timeouts=UpstreamTimeouts(connect=2, read=2))
        with pytest.raises(UpstreamUnavailable):
            await upstream.request("GET", "/x", guarded=False)
        await upstream.aclose()


async def test_the_read_timeout_fires_as_an_upstream_timeout(server: str) -> None:
    async with client(server, read=0.2) as http:
        with pytest.raises(httpx.ReadTimeout):
            await http.get("/slow")
    upstream = UpstreamClient(server, timeouts=UpstreamTimeouts(connect=2, read=0.2))
    with pytest.raises(UpstreamTimeout):
        await upstream.request("GET", "/slow", guarded=False)
    await upstream.aclose()


def test_the_transport_is_chosen_by_the_setting() -> None:
    assert isinstance(default_transport("aiohttp", DEFAULT_LIMITS), AiohttpTransport)
    assert default_transport("httpx", DEFAULT_LIMITS) is None  # httpx builds its own pool
