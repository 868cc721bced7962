"""A client-side request budget per account, kept below the upstream's own rate limit.

ICTerGezocht allows 200 requests in any 60 seconds per account and answers 429 beyond;
the gateway counts its own requests per account (key: SHA-256 of the API key) in the
same sliding window, so it can wait a little when a slot frees within the request's
time left, or else refuse at once with ``UPSTREAM_RATE_LIMITED`` and ``retryAfter`` —
before the upstream has to answer 429, and without spending a request on it.

A slot is taken when a request is about to be sent, so retries count too, as they do
upstream. One event loop uses a budget and nothing awaits between looking at the
window and taking the slot, so no lock is needed.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Awaitable, Callable

from gateway.exceptions import UpstreamRateLimited
from gateway.settings import BudgetPolicy


class RequestBudget:
    def __init__(
        self,
        upstream: str,
        policy: BudgetPolicy,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.upstream = upstream
        self.policy = policy
        self.clock = clock
        self.sleep = sleep
        self._sent: dict[str, deque[float]] = {}

    def _window(self, key: str) -> deque[float]:
        sent = self._sent.setdefault(key, deque())
        now = self.clock()
        while sent and sent[0] <= now - self.policy.window:
            sent.popleft()
        return sent

    def wait_for(self, key: str) -> float:
        """Seconds until ``key`` may send again (0: now)."""
        sent = self._window(key)
        if len(sent) < self.policy.requests:
            return 0.0
        return max(0.0, sent[0] + self.policy.window - self.clock())

    async def acquire(self, key: str, time_left: float | None) -> None:
        """Take a slot for ``key``; wait for one if it frees within ``time_left`` (``None``: any
        time), else raise ``UpstreamRateLimited`` with ``retry_after``."""
        while True:
            wait = self.wait_for(key)
            if wait <= 0.0:
                self._window(key).append(self.clock())
                return
            if time_left is not None and wait > time_left:
                raise UpstreamRateLimited(
                    f"the gateway's budget for {self.upstream} ({self.policy.requests} requests per "
                    f"{self.policy.window:g} s per account) is spent; retry in {wait:.1f} s",
                    upstream=self.upstream,
                    retry_after=round(wait, 1),
                )
            await self.sleep(wait)
            if time_left is not None:
                time_left -= wait

    def forget(self) -> None:
        self._sent.clear()
