"""The one Redis connection pool of an app, and what the gateway does while Redis is away.

``STAFFGRAPH_REDIS_URL`` set, replicas keep their shared state — caches, tokens, rate
budgets, and later documents and subscriptions — in one Redis; unset, every store keeps it
in the process (``SharedRedis.from_settings`` is then ``None``). Redis is a help, never a
dependency of an answer: a command that fails (refused, reset, slower than
``COMMAND_TIMEOUT``) raises ``RedisUnavailable``, which every store answers from the
process's own state. One warning is logged per outage (where Redis is, never the URL's
password) and ``staffgraph_redis_fallbacks_total{store}`` counts every operation answered
without Redis. After a failure no command is sent for ``FIRST_RETRY`` seconds (doubling up
to ``MAX_RETRY`` while it stays down); then a single request probes it while the others keep
falling back at once, so an outage costs requests nothing but the shared state.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar
from urllib.parse import urlsplit

from prometheus_client import Counter
from redis.asyncio import Redis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import RedisError

from gateway.metrics import REGISTRY
from gateway.settings import Settings

log = logging.getLogger("staffgraph.redis")

# Redis on the same network answers in well under a millisecond; a command that takes longer than
# this is an outage to route around, not a wait worth making a GraphQL request pay for.
CONNECT_TIMEOUT = 0.25
COMMAND_TIMEOUT = 0.5
FIRST_RETRY = 1.0
MAX_RETRY = 30.0
# Every key the gateway writes starts with this, so a Redis shared with other applications can tell.
KEY_PREFIX = "staffgraph:"

T = TypeVar("T")

FALLBACKS = Counter(
    "staffgraph_redis_fallbacks",
    "Operations on shared state answered from the process's own state because Redis was unavailable, "
    "by store (cache, token, budget, ...).",
    ["store"],
    registry=REGISTRY,
)


class RedisUnavailable(Exception):
    """Redis did not answer, or is resting after a failure: use the process's own state."""


def redacted(url: str) -> str:
    """``url`` without user name and password: what a log line may say about where Redis is."""
    parts = urlsplit(url)
    if parts.scheme == "unix":
        return f"unix://{parts.path}"
    host = parts.hostname or "localhost"
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}{parts.path}"


class SharedRedis:
    """The app's Redis client (``client``, one connection pool) and its outage handling (``run``)."""

    def __init__(self, client: Redis, *, where: str, clock: Callable[[], float] = time.monotonic) -> None:
        self.client = client
        self.where = where
        self._clock = clock
        self._retry_at: float | None = None  # None: up (as far as anyone knows)
        self._delay = FIRST_RETRY
        self._probing = False

    def __repr__(self) -> str:
        return f"SharedRedis({self.where!r}, available={self.available})"

    @classmethod
    def from_url(cls, url: str, *, clock: Callable[[], float] = time.monotonic) -> SharedRedis:
        """A pool for ``url`` (redis://, rediss://, unix://); nothing connects until the first command."""
        client = Redis.from_url(
            url,
            socket_connect_timeout=CONNECT_TIMEOUT,
            socket_timeout=COMMAND_TIMEOUT,
            # no retries inside the client: a failed command falls back at once, and this class decides
            # when Redis is tried again (the client's default retries with backoff would stall requests)
            retry=Retry(NoBackoff(), 0),
            client_name="staffgraph",
        )
        return cls(client, where=redacted(url), clock=clock)

    @classmethod
    def from_settings(cls, settings: Settings) -> SharedRedis | None:
        """The app's shared Redis, or ``None`` when ``STAFFGRAPH_REDIS_URL`` is unset (in-process state)."""
        return None if settings.redis_url is None else cls.from_url(settings.redis_url)

    @property
    def available(self) -> bool:
        """False while resting after a failure: ``run`` would fall back without sending anything."""
        return self._retry_at is None

    async def run(self, store: str, operation: Callable[[Redis], Awaitable[T]]) -> T:
        """``operation(client)``'s result; ``RedisUnavailable`` (counted under ``store``) when Redis fails
        or is resting. Errors of ``operation`` that are not Redis's reach the caller unchanged."""
        probe = self._retry_at is not None
        if probe and (self._probing or self._clock() < self._retry_at):  # type: ignore[operator]
            FALLBACKS.labels(store).inc()
            raise RedisUnavailable(f"Redis at {self.where} is unavailable")
        if probe:
            self._probing = True
        try:
            async with asyncio.timeout(COMMAND_TIMEOUT * 2):  # a whole pipeline or script, connect included
                result = await operation(self.client)
        except (RedisError, OSError, TimeoutError) as exc:
            self._failed(exc, probe)
            FALLBACKS.labels(store).inc()
            raise RedisUnavailable(f"Redis at {self.where} is unavailable") from exc
        finally:
            if probe:
                self._probing = False
        if self._retry_at is not None:
            log.warning("Redis at %s answers again: shared state is back in Redis", self.where)
            self._retry_at, self._delay = None, FIRST_RETRY
        return result

    async def run_or(
        self, store: str, operation: Callable[[Redis], Awaitable[T]], fallback: Callable[[], Awaitable[T]]
    ) -> T:
        """``run``, or ``fallback()`` when Redis is unavailable."""
        try:
            return await self.run(store, operation)
        except RedisUnavailable:
            return await fallback()

    def _failed(self, error: BaseException, probe: bool) -> None:
        if self._retry_at is None:
            self._delay = FIRST_RETRY
            log.warning(
                "Redis at %s is unavailable (%s): caches, tokens and budgets use this process's own state "
                "until it answers again; next try in %g s",
                self.where,
                type(error).__name__,
                self._delay,
            )
        elif probe:
            self._delay = min(self._delay * 2, MAX_RETRY)
        else:
            return  # a command that was already in flight when the outage began: no new verdict
        self._retry_at = self._clock() + self._delay

    async def aclose(self) -> None:
        await self.client.aclose()


def key(*parts: str) -> str:
    """``staffgraph:<part>:<part>...``: the one way stores name their keys."""
    return KEY_PREFIX + ":".join(parts)


__all__ = ["FALLBACKS", "KEY_PREFIX", "RedisUnavailable", "SharedRedis", "key", "redacted"]
