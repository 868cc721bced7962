"""A client-side request budget per account, kept below the upstream's own rate limit, and a share
of it per caller.

ICTerGezocht allows 200 requests in any 60 seconds per account and answers 429 beyond;
the gateway counts its own requests per account (key: SHA-256 of the API key) in the
same sliding window, so it can wait a little when a slot frees within the request's
time left, or else refuse at once with ``UPSTREAM_RATE_LIMITED`` and ``retryAfter`` —
before the upstream has to answer 429, and without spending a request on it.

An account the gateway lends to many callers (its own key) would otherwise be one pool
that one caller can drain for everyone: a few dozen scan queries spend 200 requests. So
every request is charged to its caller too (``Spender``: the verified caller, else the
client IP; ``gateway.callers``), and a caller may spend at most ``caller_share`` of an
account's window — never less than ``CALLER_FLOOR`` requests (one full scan), nor more
than the whole budget. An account whose key the caller sent itself is its own: the share
does not apply.

A slot is taken when a request is about to be sent, so retries count too, as they do
upstream. One event loop uses a budget and nothing awaits between looking at the
windows and taking the slot, so no lock is needed.

With Redis (``STAFFGRAPH_REDIS_URL``) the windows are kept there instead
(``gateway.shared.budget``: one atomic script per slot), so replicas share one budget and
one share per caller; while Redis is unavailable each replica counts in its own windows.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections import deque
from collections.abc import Awaitable, Callable, Hashable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TypeVar

from gateway.exceptions import UpstreamRateLimited
from gateway.metrics import observe_budget_refusal
from gateway.settings import BudgetPolicy
from gateway.shared.budget import RedisWindows
from gateway.shared.redis import RedisUnavailable, SharedRedis

# The least a caller may spend per window, whatever the share: one ICTerGezocht scan reads up to 20
# pages (gateway.sources.ictergezocht.MAX_SCAN_ITEMS), and a share below that would refuse every scan.
CALLER_FLOOR = 20
K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class Spender:
    """Whom a request's upstream calls are charged to: ``identity`` (``gateway.callers.Caller``) and
    ``own``, the SHA-256 of each credential the caller sent itself (accounts its share does not limit)."""

    identity: str
    own: frozenset[str] = frozenset()


_SPENDER: ContextVar[Spender | None] = ContextVar("staffgraph_spender", default=None)


def charge_to(spender: Spender | None) -> None:
    """Charge the calls of the current task (and every task it starts) to ``spender``."""
    _SPENDER.set(spender)


def current_spender() -> Spender | None:
    return _SPENDER.get()


class RequestBudget:
    def __init__(
        self,
        upstream: str,
        policy: BudgetPolicy,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        redis: SharedRedis | None = None,
    ) -> None:
        self.upstream = upstream
        self.policy = policy
        self.clock = clock
        self.sleep = sleep
        self.shared = RedisWindows(redis, upstream) if redis is not None else None
        self._sent: dict[str, deque[float]] = {}
        self._by_caller: dict[tuple[str, str], deque[float]] = {}

    @property
    def caller_allowance(self) -> int:
        """Requests one caller may send per window on an account that is not its own."""
        share = math.ceil(self.policy.requests * self.policy.caller_share)
        return min(self.policy.requests, max(CALLER_FLOOR, share))

    def _window(self, windows: dict[K, deque[float]], key: K) -> deque[float]:
        sent = windows.setdefault(key, deque())
        now = self.clock()
        while sent and sent[0] <= now - self.policy.window:
            sent.popleft()
        return sent

    def _wait(self, sent: deque[float], limit: int) -> float:
        if len(sent) < limit:
            return 0.0
        return max(0.0, sent[-limit] + self.policy.window - self.clock())

    def wait_for(self, key: str) -> float:
        """Seconds until ``key`` may send again (0: now)."""
        return self._wait(self._window(self._sent, key), self.policy.requests)

    def caller_wait_for(self, key: str, identity: str) -> float:
        """Seconds until the caller ``identity`` may send on ``key`` again, by its share alone."""
        return self._wait(self._window(self._by_caller, (key, identity)), self.caller_allowance)

    def _shared_with(self, key: str) -> str | None:
        """The caller whose share limits this request on ``key``; ``None`` when no share applies."""
        spender = current_spender()
        if spender is None or key in spender.own or self.caller_allowance >= self.policy.requests:
            return None
        return spender.identity

    async def acquire(self, key: str, time_left: float | None) -> None:
        """Take a slot for ``key`` (and in the current caller's share of it); wait for one if it frees
        within ``time_left`` (``None``: any time), else raise ``UpstreamRateLimited`` with ``retry_after``."""
        caller = self._shared_with(key)
        while True:
            account_wait, caller_wait = await self._take(key, caller)
            wait = max(account_wait, caller_wait)
            if wait <= 0.0:
                return
            if time_left is not None and wait > time_left:
                raise self._spent(wait, caller_wait >= account_wait)
            await self.sleep(wait)
            if time_left is not None:
                time_left -= wait

    async def _take(self, key: str, caller: str | None) -> tuple[float, float]:
        """``(0, 0)`` with a slot taken, else the waits of the account and of the caller's share."""
        if self.shared is not None:
            try:
                return await self.shared.take(
                    key,
                    caller,
                    limit=self.policy.requests,
                    caller_limit=self.caller_allowance,
                    window=self.policy.window,
                )
            except RedisUnavailable:
                pass  # counted and logged by SharedRedis: this replica's own windows answer
        account_wait = self.wait_for(key)
        caller_wait = self.caller_wait_for(key, caller) if caller is not None else 0.0
        if max(account_wait, caller_wait) <= 0.0:
            now = self.clock()
            self._window(self._sent, key).append(now)
            if caller is not None:
                self._window(self._by_caller, (key, caller)).append(now)
                self._sweep()
        return account_wait, caller_wait

    def _spent(self, wait: float, by_share: bool) -> UpstreamRateLimited:
        observe_budget_refusal(self.upstream, "caller" if by_share else "account")
        if by_share:
            message = (
                f"this caller's share of the gateway's budget for {self.upstream} ({self.caller_allowance} "
                f"of its {self.policy.requests} requests per {self.policy.window:g} s per account) is spent, "
                f"so others can still use it; retry in {wait:.1f} s"
            )
        else:
            message = (
                f"the gateway's budget for {self.upstream} ({self.policy.requests} requests per "
                f"{self.policy.window:g} s per account) is spent; retry in {wait:.1f} s"
            )
        return UpstreamRateLimited(message, upstream=self.upstream, retry_after=round(wait, 1))

    def _sweep(self) -> None:
        """Drop callers with nothing in their window: many callers must not grow memory for ever. Each
        window holds only requests sent, so the live ones never pass the account's ``requests``."""
        if len(self._by_caller) <= 2 * self.policy.requests + 64:
            return
        for key in list(self._by_caller):
            if not self._window(self._by_caller, key):
                del self._by_caller[key]

    def forget(self) -> None:
        self._sent.clear()
        self._by_caller.clear()
