"""The gateway's Informat token in Redis: one fetch for all replicas, stored encrypted, a refused token
never taken from Redis again, and an outage costing only a fetch per replica."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
import redis
from starlette.applications import Starlette

from gateway.secrets import Secret
from gateway.settings import DEFAULT_TIMEOUTS
from gateway.shared import SharedRedis
from gateway.tokens import REFRESH_MARGIN, InformatTokens
from gateway.upstreams.informat import InformatIdentityClient
from simulators.config import SimConfig
from simulators.server import create_simulator_app
from tests.gateway.shared.conftest import fallbacks
from tests.support.clients import asgi_client
from tests.support.redis import running_redis

TOKEN_URL = "http://sim/identity/connect/token"
SECRET = Secret("demo-secret")


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


def replica(
    identity: InformatIdentityClient, connection: SharedRedis | None, secret: Secret = SECRET
) -> InformatTokens:
    return InformatTokens(identity, "staffgraph-demo", secret, redis=connection)


async def token_calls(app: Starlette) -> int:
    async with asgi_client(app) as control:
        return int((await control.get("/_sim/calls")).json()["identity"]["total"])


async def test_a_token_one_replica_fetched_serves_the_others(
    app: Starlette, identity: InformatIdentityClient, shared: SharedRedis, other: SharedRedis
) -> None:
    first, second = replica(identity, shared), replica(identity, other)
    fetched, borrowed = await first.token(), await second.token()
    assert fetched is not None and borrowed is not None
    assert borrowed.value == fetched.value and borrowed.institutes == fetched.institutes
    assert second.fetches == 0 and await token_calls(app) == 1
    # still fresh by the same margin as the fetched one (lifetime from Redis's expiry)
    assert abs(borrowed.expires_at - fetched.expires_at) < 5


async def test_the_token_in_redis_is_encrypted_and_keyed_by_a_hash(
    identity: InformatIdentityClient, shared: SharedRedis, raw: redis.Redis
) -> None:
    held = await replica(identity, shared).token()
    assert held is not None
    (key,) = raw.keys("*")
    assert key.decode().startswith("staffgraph:token:informat:") and len(key.decode().rsplit(":", 1)[1]) == 64
    stored = raw.get(key)
    assert stored is not None
    for secret in (held.value.reveal(), SECRET.reveal(), "staffgraph-demo"):
        assert secret.encode() not in stored and secret.encode() not in key
    ttl = raw.pttl(key)
    assert 0 < ttl <= (3600 - REFRESH_MARGIN) * 1000  # the simulator's tokens live an hour


async def test_a_replica_with_another_secret_cannot_read_the_token(
    app: Starlette,
    identity: InformatIdentityClient,
    shared: SharedRedis,
    other: SharedRedis,
    raw: redis.Redis,
) -> None:
    first = replica(identity, shared)
    await first.token()
    (key,) = raw.keys("*")
    # the same key under a different secret (as if the hash collided): it does not decrypt
    intruder = replica(identity, other, Secret("another-secret"))
    assert intruder._shared is not None and intruder._cipher is not None
    assert await intruder._shared.get(key.decode().rsplit(":", 1)[1], intruder._cipher) is None


async def test_a_refused_token_is_not_taken_from_redis_again(
    app: Starlette, identity: InformatIdentityClient, shared: SharedRedis, other: SharedRedis
) -> None:
    first, second = replica(identity, shared), replica(identity, other)
    old, borrowed = await first.token(), await second.token()
    assert old is not None and borrowed is not None and borrowed.value == old.value
    second.forget()  # Informat refused it on the second replica (twice: two requests saw the 401)
    second.forget()
    new = await second.token()
    assert new is not None and new.value != old.value and await token_calls(app) == 2
    first.forget()  # and on the first: it takes the second's new token instead of fetching a third
    again = await first.token()
    assert again is not None and again.value == new.value and await token_calls(app) == 2


async def test_an_outage_costs_one_fetch_per_replica_and_no_error(
    app: Starlette, identity: InformatIdentityClient
) -> None:
    with running_redis() as server:
        connection = SharedRedis.from_url(server.url)
        server.stop()
        tokens = replica(identity, connection)
        before = fallbacks("token")
        assert await tokens.token() is not None
        assert await tokens.token() is not None
        await connection.aclose()
    assert tokens.fetches == 1 and await token_calls(app) == 1
    assert fallbacks("token") == before + 2  # the read, and the write after the fetch
