"""Only the credential header reaches an upstream: no cookies, Host, X-Forwarded-* or anything else.

The GraphQL request goes through the real app (``create_app``); every upstream request it
causes is recorded at the transport, for all four upstreams in one operation.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from starlette.applications import Starlette

from gateway.app import create_app
from gateway.demo import demo_settings
from gateway.upstreams import build_upstreams
from simulators.config import SimConfig
from simulators.server import create_simulator_app
from tests.support.clients import asgi_client

QUERY = """{
  employers { totalCount }
  institutes(first: 1) { nodes { staff(first: 1) { totalCount } } }
  vacancies(first: 1) { totalCount }
  trainingPrograms(first: 1) { totalCount }
}"""
CALLER_HEADERS = {
    "Authorization": "Bearer demo-loket-alice",
    "Cookie": "session=caller-cookie",
    "X-Forwarded-For": "203.0.113.9",
    "X-Forwarded-Host": "evil.example",
    "X-Real-IP": "203.0.113.9",
    "X-Request-Secret": "caller-secret",
    "User-Agent": "caller-agent/1.0",
}
# What the gateway itself may send: httpx's defaults, the credential, Loket's Accept, Informat's headers.
ALLOWED = {
    "host",
    "accept",
    "accept-encoding",
    "connection",
    "user-agent",
    "authorization",
    "content-type",
    "content-length",
    "instituteno",
    "api-version",
    # the request's id (gateway.telemetry), never the caller's raw header; trace context with tracing on
    "x-request-id",
    "traceparent",
    "tracestate",
}


class Recording(httpx.AsyncBaseTransport):
    def __init__(self, app: Starlette) -> None:
        self.inner = httpx.ASGITransport(app=app)
        self.requests: list[httpx.Request] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return await self.inner.handle_async_request(request)


@pytest.fixture
async def recorded(sim_config: SimConfig) -> AsyncIterator[Recording]:
    transport = Recording(create_simulator_app(sim_config))
    settings = demo_settings("http://sim")
    upstreams = build_upstreams(settings, transport=transport)
    async with asgi_client(create_app(settings, upstreams=upstreams), base_url="http://gateway") as gateway:
        response = await gateway.post("/graphql", json={"query": QUERY}, headers=CALLER_HEADERS)
        assert response.status_code == 200 and "errors" not in response.json(), response.text
    await upstreams.aclose()
    yield transport


async def test_upstreams_get_only_their_own_credential_and_no_caller_headers(recorded: Recording) -> None:
    prefixes = {request.url.path.split("/")[1] for request in recorded.requests}
    assert {"loket", "informat", "identity", "ictergezocht", "onderwijsloket"} <= prefixes
    for request in recorded.requests:
        names = {name.lower() for name in request.headers}
        assert names <= ALLOWED, (request.url.path, names - ALLOWED)
        assert request.headers["host"] == "sim"
        assert "caller-agent" not in request.headers.get("user-agent", "")
        values = " ".join(request.headers.values())
        assert "caller-cookie" not in values and "203.0.113.9" not in values and "caller-secret" not in values


async def test_the_callers_loket_token_goes_to_loket_only(recorded: Recording) -> None:
    for request in recorded.requests:
        upstream = request.url.path.split("/")[1]
        authorization = request.headers.get("authorization", "")
        if upstream == "loket":
            assert authorization == "Bearer demo-loket-alice"
        else:
            assert "demo-loket-alice" not in authorization
