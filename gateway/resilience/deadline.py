"""The overall deadline of one GraphQL request, and how upstream calls find it.

A ``Deadline`` is fixed when the request's ``Context`` is built (``gateway.context``)
and put in a context variable. asyncio copies context variables into every task it
starts, so the resolvers, the DataLoader batches and the upstream calls of that request
all see it, while other requests (other tasks) see theirs. The upstream base client
bounds each call — connecting, sending and reading the *whole* body, and the waits
between retries — by the time left, so a slow upstream can hold a field for at most
that long; the fields still waiting then fail with ``UPSTREAM_TIMEOUT`` and the rest of
``data`` is returned.

Under uvicorn every request runs in its own task, so the value dies with the request.
A caller that runs several requests in one task (``httpx.ASGITransport`` in tests)
gets the newest request's deadline until the next one replaces it; work that must not
be bounded by any request (readiness probes) runs inside ``unbounded()``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

_current: ContextVar[Deadline | None] = ContextVar("staffgraph_request_deadline", default=None)


@dataclass(frozen=True)
class Deadline:
    """An instant on ``clock`` by which the request must be answered; ``seconds`` is its length."""

    expires_at: float
    seconds: float
    clock: Callable[[], float] = field(default=time.monotonic, repr=False, compare=False)

    @classmethod
    def after(cls, seconds: float, *, clock: Callable[[], float] = time.monotonic) -> Deadline:
        return cls(clock() + seconds, seconds, clock)

    def remaining(self) -> float:
        """Seconds left, never negative."""
        return max(0.0, self.expires_at - self.clock())

    @property
    def expired(self) -> bool:
        return self.remaining() <= 0.0


def current_deadline() -> Deadline | None:
    """The deadline of the GraphQL request this code runs for; ``None`` outside one."""
    return _current.get()


def activate(deadline: Deadline | None) -> None:
    """Make ``deadline`` the current one for this task and the tasks it starts from now on."""
    _current.set(deadline)


@contextmanager
def bounded_by(deadline: Deadline | None) -> Iterator[None]:
    """``deadline`` for the duration of the block, then whatever was current before."""
    token = _current.set(deadline)
    try:
        yield
    finally:
        _current.reset(token)


def unbounded() -> AbstractContextManager[None]:
    """A block that no request's deadline bounds (readiness probes, background work)."""
    return bounded_by(None)
