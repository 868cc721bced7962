"""A real ``redis-server`` for the shared stores' tests: one per module, emptied before each test."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest
import redis

from gateway.metrics import REGISTRY
from gateway.shared import SharedRedis
from tests.support.redis import RedisServer, running_redis


@pytest.fixture(scope="module")
def server() -> Iterator[RedisServer]:
    with running_redis() as started:
        yield started


@pytest.fixture
def raw(server: RedisServer) -> Iterator[redis.Redis]:
    """A plain synchronous client, to look at what the stores wrote (and to empty Redis first)."""
    client = redis.Redis.from_url(server.url)
    client.flushall()
    yield client
    client.close()


@pytest.fixture
async def shared(server: RedisServer, raw: redis.Redis) -> AsyncIterator[SharedRedis]:
    """One replica's connection."""
    connection = SharedRedis.from_url(server.url)
    yield connection
    await connection.aclose()


@pytest.fixture
async def other(server: RedisServer, raw: redis.Redis) -> AsyncIterator[SharedRedis]:
    """A second replica's connection to the same Redis."""
    connection = SharedRedis.from_url(server.url)
    yield connection
    await connection.aclose()


def fallbacks(store: str) -> float:
    """``staffgraph_redis_fallbacks_total{store=...}`` as /metrics shows it."""
    return REGISTRY.get_sample_value("staffgraph_redis_fallbacks_total", {"store": store}) or 0.0
