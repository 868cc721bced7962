"""The client-side request budget: a sliding window per account that waits or refuses."""

from __future__ import annotations

import pytest

from gateway.exceptions import UpstreamRateLimited
from gateway.resilience.budget import RequestBudget
from gateway.settings import BudgetPolicy
from tests.support.clock import FakeClock


def budget(clock: FakeClock, slept: list[float]) -> RequestBudget:
    async def sleep(seconds: float) -> None:
        slept.append(seconds)
        clock.advance(seconds)

    return RequestBudget("ictergezocht", BudgetPolicy(requests=3, window=60), clock=clock, sleep=sleep)


async def test_refuses_with_retry_after_when_the_window_frees_too_late() -> None:
    clock, slept = FakeClock(), []
    spent = budget(clock, slept)
    for _ in range(3):
        await spent.acquire("acct", 5.0)
        clock.advance(1)
    with pytest.raises(UpstreamRateLimited) as refused:
        await spent.acquire("acct", 5.0)
    assert refused.value.retry_after == 57.0 and refused.value.status is None
    assert refused.value.code == "UPSTREAM_RATE_LIMITED" and "200" not in str(refused.value)
    assert "3 requests per 60 s" in str(refused.value) and slept == []


async def test_waits_when_a_slot_frees_within_the_time_left() -> None:
    clock, slept = FakeClock(), []
    spent = budget(clock, slept)
    for _ in range(3):
        await spent.acquire("acct", 5.0)
    clock.advance(58)
    await spent.acquire("acct", 5.0)
    assert slept == [2.0]


async def test_accounts_have_their_own_window() -> None:
    clock, slept = FakeClock(), []
    spent = budget(clock, slept)
    for _ in range(3):
        await spent.acquire("alice", 1.0)
    await spent.acquire("bob", 1.0)
    assert spent.wait_for("alice") == 60.0 and spent.wait_for("bob") == 0.0
