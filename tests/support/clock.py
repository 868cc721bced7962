"""A clock for ``SimConfig.clock`` that moves only when a test says so (token expiry, rate windows)."""

from __future__ import annotations

# An instant in November 2026, near the suite's fixed "today".
START = 1_795_000_000.0


class FakeClock:
    """Seconds since the epoch; ``advance`` moves time without sleeping."""

    def __init__(self, start: float = START) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds
