"""The documented rate limits: 200 requests per 60 s per account, 1000 per 60 s per IP.

Choice: a sliding window (a log of the last ``window`` seconds of accepted requests per
key), not a fixed one: "200 requests per 60 seconden" read literally holds for every
60-second span, and it makes ``Retry-After`` exact (seconds until the oldest request in
the window leaves it, rounded up, at least 1). Refused requests are not logged, so a
client that waits ``Retry-After`` always gets through. Every request that reaches the
API counts per IP, whatever its answer; only authenticated requests count per account.
Time comes from ``SimConfig.clock`` so tests can move it.
"""

from __future__ import annotations

import math
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from starlette.types import ASGIApp, Receive, Scope, Send

from simulators.ictergezocht.errors import ApiError, error_response


@dataclass(frozen=True)
class RateLimits:
    """``None`` switches a limit off (for load tests that are not about rate limits)."""

    per_account: int | None = 200
    per_ip: int | None = 1000
    window_seconds: float = 60.0


DEFAULT_RATE_LIMITS = RateLimits()


class SlidingWindow:
    def __init__(self, limit: int | None, window_seconds: float, clock: Callable[[], float]) -> None:
        self.limit = limit
        self.window = window_seconds
        self.clock = clock
        self._lock = threading.Lock()
        self._hits: dict[object, deque[float]] = {}

    def hit(self, key: object) -> int | None:
        """Log a request for ``key``; ``None`` if allowed, else the Retry-After seconds."""
        if self.limit is None:
            return None
        now = self.clock()
        with self._lock:
            hits = self._hits.setdefault(key, deque())
            while hits and hits[0] <= now - self.window:
                hits.popleft()
            if len(hits) >= self.limit:
                return max(1, math.ceil(hits[0] + self.window - now))
            hits.append(now)
            return None

    def reset(self) -> None:
        with self._lock:
            self._hits.clear()


def rate_limited(retry_after: int) -> ApiError:
    return ApiError.one(429, "rate_limit", headers={"Retry-After": str(retry_after)})


class RateLimiters:
    """The two windows of one simulated API, reset together by ``POST /_sim/reset``."""

    def __init__(self, limits: RateLimits, clock: Callable[[], float]) -> None:
        self.per_account = SlidingWindow(limits.per_account, limits.window_seconds, clock)
        self.per_ip = SlidingWindow(limits.per_ip, limits.window_seconds, clock)

    def reset(self) -> None:
        self.per_account.reset()
        self.per_ip.reset()


class IpRateLimit:
    """Pure ASGI middleware: the per-IP window, before routing, so unknown paths and bad keys count too."""

    def __init__(self, app: ASGIApp, window: SlidingWindow) -> None:
        self.app = app
        self.window = window

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        client = scope.get("client")
        retry_after = self.window.hit(client[0] if client else "unknown")
        if retry_after is None:
            await self.app(scope, receive, send)
            return
        error = rate_limited(retry_after)
        await error_response(error.status, error.errors, error.headers)(scope, receive, send)
