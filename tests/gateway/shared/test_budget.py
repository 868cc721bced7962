"""A rate budget kept in Redis: replicas together send no more than the budget, callers' shares are
shared too, a full window frees its slot when its oldest request leaves it, and an outage falls back
to each replica's own windows."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from contextvars import copy_context
from typing import TypeVar

import pytest
import redis

from gateway.exceptions import UpstreamRateLimited
from gateway.resilience.budget import RequestBudget, Spender, charge_to
from gateway.settings import BudgetPolicy
from gateway.shared import SharedRedis
from tests.gateway.shared.conftest import fallbacks
from tests.support.redis import running_redis

T = TypeVar("T")
ACCOUNT = "0" * 64  # the SHA-256 of the gateway's key, as the client computes it


def budget(
    connection: SharedRedis | None, requests: int = 5, window: float = 60, share: float = 1.0
) -> RequestBudget:
    policy = BudgetPolicy(requests=requests, window=window, caller_share=share)
    return RequestBudget("ictergezocht", policy, redis=connection)


async def as_caller(spender: Spender | None, call: Callable[[], Awaitable[T]]) -> T:
    async def charged() -> T:
        charge_to(spender)
        return await call()

    return await asyncio.get_running_loop().create_task(charged(), context=copy_context())


async def sent(spent: RequestBudget, times: int, spender: Spender | None = None) -> int:
    """How many of ``times`` requests got a slot at once (no waiting)."""
    taken = 0
    for _ in range(times):
        try:
            await as_caller(spender, lambda: spent.acquire(ACCOUNT, 0.0))
        except UpstreamRateLimited:
            continue
        taken += 1
    return taken


async def test_two_replicas_share_one_budget(shared: SharedRedis, other: SharedRedis) -> None:
    first, second = budget(shared), budget(other)
    assert await sent(first, 3) == 3
    assert await sent(second, 5) == 2  # what the first spent is gone for the second
    with pytest.raises(UpstreamRateLimited) as refused:
        await first.acquire(ACCOUNT, 0.0)
    assert refused.value.retry_after is not None and 55 < refused.value.retry_after <= 60


async def test_concurrent_replicas_never_overspend(shared: SharedRedis, other: SharedRedis) -> None:
    replicas = [budget(shared, requests=20), budget(other, requests=20)]

    async def one(index: int) -> bool:
        try:
            await replicas[index % 2].acquire(ACCOUNT, 0.0)
        except UpstreamRateLimited:
            return False
        return True

    results = await asyncio.gather(*(one(index) for index in range(60)))
    assert sum(results) == 20


async def test_a_callers_share_is_shared_across_replicas(shared: SharedRedis, other: SharedRedis) -> None:
    # 100 per window, a share of a fifth: 20 (the floor) for each caller not using its own key
    first, second = budget(shared, requests=100, share=0.2), budget(other, requests=100, share=0.2)
    mallory, alice = Spender("ip:10.0.0.66"), Spender("ip:10.0.0.7")
    assert await sent(first, 15, mallory) == 15
    assert await sent(second, 10, mallory) == 5
    with pytest.raises(UpstreamRateLimited, match="this caller's share"):
        await as_caller(mallory, lambda: second.acquire(ACCOUNT, 0.0))
    assert await sent(second, 10, alice) == 10  # the rest of the account stays for others
    assert await sent(first, 5, Spender("ip:10.0.0.66", own=frozenset({ACCOUNT}))) == 5  # its own key


async def test_keys_hold_hashes_and_addresses_and_expire(shared: SharedRedis, raw: redis.Redis) -> None:
    await sent(budget(shared, requests=100, share=0.2), 1, Spender("ip:10.0.0.66"))
    keys = sorted(key.decode() for key in raw.keys("*"))
    assert keys == [
        f"staffgraph:budget:{{ictergezocht:{ACCOUNT}}}",
        f"staffgraph:budget:{{ictergezocht:{ACCOUNT}}}:caller:ip:10.0.0.66",
    ]
    assert all(0 < raw.pttl(key) <= 60_000 for key in keys)


async def test_a_full_window_frees_a_slot_when_its_oldest_request_leaves(shared: SharedRedis) -> None:
    waited: list[float] = []

    async def sleep(seconds: float) -> None:
        waited.append(seconds)
        await asyncio.sleep(seconds)

    spent = RequestBudget("ictergezocht", BudgetPolicy(requests=2, window=0.3), sleep=sleep, redis=shared)
    for _ in range(3):
        await spent.acquire(ACCOUNT, 5.0)  # the third waits for the first to leave the window
    assert len(waited) == 1 and 0 < waited[0] <= 0.3


async def test_an_outage_falls_back_to_the_replicas_own_windows() -> None:
    with running_redis() as server:
        connection = SharedRedis.from_url(server.url)
        spent = budget(connection, requests=5)
        assert await sent(spent, 2) == 2
        server.stop()
        before = fallbacks("budget")
        assert await sent(spent, 7) == 5  # its own windows knew nothing of the two sent through Redis
        await connection.aclose()
    assert fallbacks("budget") == before + 7
