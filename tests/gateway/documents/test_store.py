"""Where APQ documents live: a bounded LRU in the process, or a real Redis shared by replicas that
the gateway does without when it goes away (gateway.documents.store)."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from typing import Any

import httpx
import pytest
import redis.asyncio as redis
from starlette.applications import Starlette

from gateway.demo import demo_settings
from gateway.documents.manifest import sha256_hex
from gateway.documents.store import KEY_PREFIX, MemoryDocumentStore, RedisDocumentStore
from tests.support.redis import RedisServer, running_redis
from tests.support.servers import free_port
from tests.support.stack import ALICE, InProcess, in_process_gateway

EMPLOYERS = "query Employers { employers { totalCount } }"
HASHED = {"persistedQuery": {"version": 1, "sha256Hash": sha256_hex(EMPLOYERS)}}


def codes(answer: httpx.Response) -> list[str]:
    return [error["extensions"]["code"] for error in answer.json().get("errors", [])]


def total(answer: httpx.Response) -> Any:
    return answer.json()["data"]["employers"]["totalCount"]


@pytest.fixture
def redis_server() -> Any:
    with running_redis() as server:
        yield server


@pytest.fixture
async def replicas(
    simulator_app: Starlette, redis_server: RedisServer
) -> AsyncIterator[tuple[InProcess, InProcess]]:
    """Two gateways (replicas) sharing ``redis_server``, over the same simulators."""
    settings = dataclasses.replace(demo_settings("http://sim"), redis_url=redis_server.url)
    async with AsyncExitStack() as stack:
        first = await stack.enter_async_context(in_process_gateway(simulator_app, settings=settings))
        second = await stack.enter_async_context(in_process_gateway(simulator_app, settings=settings))
        yield first, second
        for replica in (first, second):
            await replica.app.state.documents.store.aclose()


async def test_memory_store_forgets_the_least_recently_used_beyond_its_bound() -> None:
    store = MemoryDocumentStore(max_entries=2)
    await store.put("a", "{ a }")
    await store.put("b", "{ b }")
    assert await store.get("a") == "{ a }"  # now b is the least recently used
    await store.put("c", "{ c }")
    assert [await store.get(key) for key in "abc"] == ["{ a }", None, "{ c }"] and len(store) == 2


async def test_a_document_registered_on_one_replica_is_found_by_another(
    replicas: tuple[InProcess, InProcess], redis_server: RedisServer
) -> None:
    first, second = replicas
    registered = await first.gateway.post(
        "/graphql", json={"query": EMPLOYERS, "extensions": HASHED}, headers=ALICE
    )
    assert total(registered) == 2
    found = await second.gateway.post("/graphql", json={"extensions": HASHED}, headers=ALICE)
    assert found.status_code == 200 and total(found) == 2
    client = redis.Redis.from_url(redis_server.url)
    try:
        key = KEY_PREFIX + sha256_hex(EMPLOYERS)
        assert await client.get(key) == EMPLOYERS.encode() and 0 < await client.ttl(key) <= 24 * 3600
    finally:
        await client.aclose()


async def test_with_redis_gone_every_request_is_still_served(
    replicas: tuple[InProcess, InProcess], redis_server: RedisServer, caplog: pytest.LogCaptureFixture
) -> None:
    first, second = replicas
    await first.gateway.post("/graphql", json={"query": EMPLOYERS, "extensions": HASHED}, headers=ALICE)
    assert total(await second.gateway.post("/graphql", json={"extensions": HASHED}, headers=ALICE)) == 2
    redis_server.stop()

    with caplog.at_level(logging.WARNING, logger="gateway.documents.store"):
        for replica in (first, second):  # both hold the document they used
            assert (
                total(await replica.gateway.post("/graphql", json={"extensions": HASHED}, headers=ALICE)) == 2
            )
        other = "query Count { employers { totalCount } }"
        hashed = {"persistedQuery": {"version": 1, "sha256Hash": sha256_hex(other)}}
        # the APQ flow on a replica that never saw it: not found (no error about Redis), resend, found
        missing = await second.gateway.post("/graphql", json={"extensions": hashed}, headers=ALICE)
        assert codes(missing) == ["PERSISTED_QUERY_NOT_FOUND"]
        resent = await second.gateway.post(
            "/graphql", json={"query": other, "extensions": hashed}, headers=ALICE
        )
        assert total(resent) == 2
        assert total(await second.gateway.post("/graphql", json={"extensions": hashed}, headers=ALICE)) == 2
        assert total(await second.gateway.post("/graphql", json={"query": other}, headers=ALICE)) == 2
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "Redis unreachable" in warnings[0].getMessage()  # once per outage


async def test_redis_is_asked_again_after_the_retry_period(caplog: pytest.LogCaptureFixture) -> None:
    now = [0.0]
    port = free_port()
    client = redis.Redis.from_url(f"redis://127.0.0.1:{port}/0", socket_connect_timeout=0.5)
    store = RedisDocumentStore(
        client, local=MemoryDocumentStore(10), ttl=60, retry_after=5.0, clock=lambda: now[0]
    )
    try:
        assert await store.get("0" * 64) is None  # refused: falls back, warns
        with running_redis(port=port):
            now[0] = 4.0
            await store.put("1" * 64, "{ one }")  # still within the retry period: local only
            now[0] = 6.0
            await store.put("2" * 64, "{ two }")  # Redis again
            assert await client.get(KEY_PREFIX + "1" * 64) is None
            assert await client.get(KEY_PREFIX + "2" * 64) == b"{ two }"
    finally:
        await store.aclose()
