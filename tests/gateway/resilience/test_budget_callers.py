"""A caller's share of an account's budget: at most ``caller_share`` of the window for one caller,
never on an account whose key the caller sent itself, and no memory kept for callers gone quiet."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from contextvars import copy_context
from typing import TypeVar

import pytest

from gateway.exceptions import UpstreamRateLimited
from gateway.resilience.budget import CALLER_FLOOR, RequestBudget, Spender, charge_to
from gateway.settings import BudgetPolicy
from tests.support.clock import FakeClock

T = TypeVar("T")
ACCOUNT = "sha256-of-the-gateways-key"


def budget(clock: FakeClock, slept: list[float], requests: int = 200, share: float = 0.25) -> RequestBudget:
    async def sleep(seconds: float) -> None:
        slept.append(seconds)
        clock.advance(seconds)

    policy = BudgetPolicy(requests=requests, window=60, caller_share=share)
    return RequestBudget("ictergezocht", policy, clock=clock, sleep=sleep)


async def as_caller(spender: Spender | None, call: Callable[[], Awaitable[T]]) -> T:
    """Run ``call`` as one request of ``spender`` would: in its own context, as each request's task."""

    async def charged() -> T:
        charge_to(spender)
        return await call()

    return await asyncio.get_running_loop().create_task(charged(), context=copy_context())


async def spend(spent: RequestBudget, spender: Spender | None, times: int, key: str = ACCOUNT) -> None:
    for _ in range(times):
        await as_caller(spender, lambda: spent.acquire(key, 1.0))


async def test_a_caller_spends_its_share_and_the_rest_stays_for_others() -> None:
    clock, slept = FakeClock(), []
    spent = budget(clock, slept)
    mallory, alice = Spender("ip:10.0.0.66"), Spender("ip:10.0.0.7")
    await spend(spent, mallory, 50)
    with pytest.raises(UpstreamRateLimited) as refused:
        await spend(spent, mallory, 1)
    assert "this caller's share" in str(refused.value) and "50 of its 200 requests" in str(refused.value)
    assert refused.value.retry_after == 60.0 and slept == []
    await spend(spent, alice, 50)  # another caller has a share of its own
    assert spent.wait_for(ACCOUNT) == 0.0  # and 100 requests are still free for more


async def test_a_caller_waits_for_its_share_when_a_slot_frees_in_time() -> None:
    clock, slept = FakeClock(), []
    spent = budget(clock, slept)
    mallory = Spender("ip:10.0.0.66")
    await spend(spent, mallory, 50)
    clock.advance(59.5)
    await spend(spent, mallory, 1)
    assert slept == [0.5]


async def test_the_whole_account_still_bounds_every_caller_together() -> None:
    clock, slept = FakeClock(), []
    spent = budget(clock, slept)
    for n in range(4):
        await spend(spent, Spender(f"ip:10.0.0.{n}"), 50)
    with pytest.raises(UpstreamRateLimited) as refused:
        await spend(spent, Spender("ip:10.0.0.99"), 1)
    assert "the gateway's budget" in str(refused.value)


async def test_an_account_whose_key_the_caller_sent_is_its_own() -> None:
    clock, slept = FakeClock(), []
    spent = budget(clock, slept)
    await spend(
        spent, Spender("ip:10.0.0.66", own=frozenset({"sha256-of-my-key"})), 200, key="sha256-of-my-key"
    )
    assert spent.wait_for("sha256-of-my-key") == 60.0


async def test_outside_a_request_no_share_applies() -> None:
    clock, slept = FakeClock(), []
    spent = budget(clock, slept)
    await spend(spent, None, 200)
    assert spent.wait_for(ACCOUNT) == 60.0


@pytest.mark.parametrize(
    ("requests", "share", "allowance"),
    [(200, 0.25, 50), (200, 1.0, 200), (40, 0.25, CALLER_FLOOR), (10, 0.25, 10), (201, 0.25, 51)],
)
def test_the_allowance_is_the_share_but_at_least_one_scan_and_at_most_the_budget(
    requests: int, share: float, allowance: int
) -> None:
    assert budget(FakeClock(), [], requests, share).caller_allowance == allowance


async def test_callers_gone_quiet_are_forgotten() -> None:
    clock, slept = FakeClock(), []
    spent = budget(clock, slept, requests=1000, share=0.25)
    for n in range(4000):  # a flood of addresses, one request each, 600 in any window
        await spend(spent, Spender(f"ip:172.16.{n // 256}.{n % 256}"), 1)
        clock.advance(0.1)
    assert len(spent._by_caller) <= 2 * 1000 + 64
