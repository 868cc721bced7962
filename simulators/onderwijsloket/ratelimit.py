"""Directus's global rate limiter (``RATE_LIMITER_*``): so many requests per window, then 429.

Choice: the document says the platform enforces global rate limits but gives no
numbers, and Directus ships with the limiter off; so it is off unless ``create_upstream``
is given a ``RateLimit`` (tests and benchmarks that want REQUESTS_EXCEEDED pass one).
Windows are fixed and counted by ``config.clock``, so a test can step time instead of
sleeping; ``/server/ping`` and ``/auth/*`` count too, as the limiter is app-wide.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from simulators.onderwijsloket.errors import requests_exceeded
from simulators.onderwijsloket.geodata import timestamp


@dataclass(frozen=True)
class RateLimit:
    points: int = 50  # Directus's RATE_LIMITER_POINTS default
    duration: float = 1.0  # seconds, RATE_LIMITER_DURATION


class RateLimiter:
    def __init__(self, limit: RateLimit | None, clock: Callable[[], float]) -> None:
        self.limit = limit
        self.clock = clock
        self._lock = threading.Lock()
        self._window_start = 0.0
        self._used = 0

    def reset(self) -> None:
        with self._lock:
            self._window_start = 0.0
            self._used = 0

    def hit(self) -> None:
        """Count one request; raise REQUESTS_EXCEEDED when the window is spent."""
        if self.limit is None:
            return
        with self._lock:
            now = self.clock()
            if now - self._window_start >= self.limit.duration:
                self._window_start = now
                self._used = 0
            self._used += 1
            if self._used <= self.limit.points:
                return
            retry_ms = max((self._window_start + self.limit.duration - now) * 1000, 1.0)
        reset = timestamp(datetime.fromtimestamp(now + retry_ms / 1000, UTC))
        raise requests_exceeded(self.limit.points, retry_ms, reset)
