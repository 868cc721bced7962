"""Gateway-held Informat tokens: one fetch under concurrency, refreshed before expiry, keyed by a hash."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator

import httpx
import pytest
from starlette.applications import Starlette

from gateway.exceptions import UpstreamForbidden, UpstreamUnauthenticated
from gateway.secrets import Secret
from gateway.settings import DEFAULT_TIMEOUTS
from gateway.tokens import REFRESH_MARGIN, InformatTokens, jwt_institutes
from gateway.upstreams.informat import InformatIdentityClient
from simulators.config import SimConfig
from simulators.server import create_simulator_app
from tests.support.clients import asgi_client

TOKEN_URL = "http://sim/identity/connect/token"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="module")
def app(sim_config: SimConfig) -> Starlette:
    return create_simulator_app(sim_config)


@pytest.fixture
async def identity(app: Starlette) -> AsyncIterator[InformatIdentityClient]:
    async with asgi_client(app) as control:
        await control.delete("/_sim/calls")
    client = InformatIdentityClient(
        TOKEN_URL, timeouts=DEFAULT_TIMEOUTS, transport=httpx.ASGITransport(app=app)
    )
    yield client
    await client.aclose()


async def token_calls(app: Starlette) -> int:
    async with asgi_client(app) as control:
        return int((await control.get("/_sim/calls")).json()["identity"]["total"])


async def test_concurrent_requests_share_one_fetch(app: Starlette, identity: InformatIdentityClient) -> None:
    tokens = InformatTokens(identity, "staffgraph-demo", Secret("demo-secret"))
    got = await asyncio.gather(*(tokens.token() for _ in range(20)))
    assert len({t.value.reveal() for t in got if t}) == 1
    assert tokens.fetches == 1 and await token_calls(app) == 1
    assert got[0] is not None and got[0].institutes == ("032912", "047225", "119537")


async def test_a_token_is_refreshed_before_it_expires(identity: InformatIdentityClient) -> None:
    clock = Clock()
    tokens = InformatTokens(identity, "staffgraph-demo", Secret("demo-secret"), clock=clock)
    first = await tokens.token()
    assert first is not None
    clock.now = first.expires_at - REFRESH_MARGIN - 1
    assert await tokens.token() is first
    clock.now = first.expires_at - REFRESH_MARGIN + 1
    second = await tokens.token()
    assert second is not None and second is not first and tokens.fetches == 2


async def test_the_cache_key_is_a_hash_never_the_secret(identity: InformatIdentityClient) -> None:
    tokens = InformatTokens(identity, "staffgraph-demo", Secret("demo-secret"), ("032912",))
    token = await tokens.token()
    assert token is not None and token.institutes == ("032912",)
    [key] = tokens._cache
    assert re.fullmatch(r"[0-9a-f]{64}", key)
    assert "demo-secret" not in repr(tokens.__dict__) and "demo-secret" not in repr(token)
    assert jwt_institutes(token.value) == ("032912",)


async def test_refused_client_and_scope_are_typed(identity: InformatIdentityClient) -> None:
    with pytest.raises(UpstreamUnauthenticated) as refused:
        await InformatTokens(identity, "staffgraph-demo", Secret("wrong")).token()
    assert "wrong" not in str(refused.value)
    with pytest.raises(UpstreamForbidden):
        await InformatTokens(identity, "staffgraph-demo", Secret("demo-secret"), ("126425",)).token()
    assert await InformatTokens(identity, None, None).token() is None


def test_jwt_institutes_ignores_what_is_not_a_jwt() -> None:
    assert jwt_institutes(Secret("opaque")) == ()
    assert jwt_institutes(Secret("a.!!!.c")) == ()
