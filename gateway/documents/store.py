"""Where automatic persisted queries (APQ) keep the documents clients register: hash -> text.

``MemoryDocumentStore`` is a bounded LRU in the process (``STAFFGRAPH_APQ_MAX_ENTRIES``, the
least recently used go first). ``RedisDocumentStore`` shares the documents between replicas
when ``STAFFGRAPH_REDIS_URL`` is set: a document registered through one replica is found by
every other. Each Redis entry lives ``STAFFGRAPH_APQ_TTL`` seconds from its last use, which
bounds what Redis holds without a shared count.

Redis is an accelerator here, never a dependency: the Redis store keeps its own in-process
LRU in front (documents never change under their hash, so a local copy is never stale), and
when Redis fails (refused, reset, slow) it logs one warning, carries on with the local LRU
and tries Redis again ``RETRY_AFTER`` seconds later. The worst a client sees is
``PersistedQueryNotFound``, which APQ clients answer by sending the text again.

Callers depend on ``DocumentStore`` only; ``build_document_store`` is the one place that
chooses (and the one line to change when the shared Redis connection takes over).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Protocol

import redis.asyncio as redis
from cachetools import LRUCache
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import RedisError

from gateway.settings import Settings

logger = logging.getLogger(__name__)

KEY_PREFIX = "staffgraph:apq:"
RETRY_AFTER = 5.0  # seconds without Redis after a failure, so an outage costs one failed call per period
REDIS_TIMEOUT = 0.5  # seconds for a connect or a command: a document lookup must not hold a request up


class DocumentStore(Protocol):
    """APQ documents by their SHA-256 (64 lower-case hex digits, checked by the caller)."""

    async def get(self, sha256: str) -> str | None: ...

    async def put(self, sha256: str, body: str) -> None: ...

    async def aclose(self) -> None: ...


class MemoryDocumentStore:
    """At most ``max_entries`` documents, least recently used evicted first."""

    def __init__(self, max_entries: int) -> None:
        self._entries: LRUCache[str, str] = LRUCache(maxsize=max_entries)

    async def get(self, sha256: str) -> str | None:
        return self._entries.get(sha256)

    async def put(self, sha256: str, body: str) -> None:
        self._entries[sha256] = body

    def __len__(self) -> int:
        return len(self._entries)

    async def aclose(self) -> None:
        self._entries.clear()


class RedisDocumentStore:
    """Documents in Redis under ``staffgraph:apq:<sha256>``, with an in-process LRU in front and
    as the fallback while Redis is unreachable."""

    def __init__(
        self,
        client: redis.Redis,
        *,
        local: MemoryDocumentStore,
        ttl: float,
        retry_after: float = RETRY_AFTER,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.client = client
        self.local = local
        self.ttl = max(1, int(ttl))
        self.retry_after = retry_after
        self.clock = clock
        self._down_until: float | None = None

    async def get(self, sha256: str) -> str | None:
        found = await self.local.get(sha256)
        if found is not None or not self._usable():
            return found
        try:
            # GETEX renews the entry's lifetime: documents in use stay, forgotten ones expire
            raw = await self.client.getex(KEY_PREFIX + sha256, ex=self.ttl)
        except (TimeoutError, RedisError, OSError) as exc:
            self._failed(exc)
            return None
        self._succeeded()
        if raw is None:
            return None
        body = raw.decode("utf-8") if isinstance(raw, bytes) else str(raw)
        await self.local.put(sha256, body)
        return body

    async def put(self, sha256: str, body: str) -> None:
        await self.local.put(sha256, body)
        if not self._usable():
            return
        try:
            await self.client.set(KEY_PREFIX + sha256, body.encode("utf-8"), ex=self.ttl)
        except (TimeoutError, RedisError, OSError) as exc:
            self._failed(exc)
        else:
            self._succeeded()

    async def aclose(self) -> None:
        await self.client.aclose()

    def _usable(self) -> bool:
        return self._down_until is None or self.clock() >= self._down_until

    def _failed(self, exc: BaseException) -> None:
        if self._down_until is None:  # once per outage, not once per request
            logger.warning(
                "Redis unreachable for persisted documents (%s); using this process's documents "
                "and retrying every %g s",
                type(exc).__name__,
                self.retry_after,
            )
        self._down_until = self.clock() + self.retry_after

    def _succeeded(self) -> None:
        if self._down_until is not None:
            logger.info("Redis reachable again for persisted documents")
            self._down_until = None


def build_document_store(settings: Settings) -> DocumentStore:
    """The APQ store ``settings`` ask for: Redis (shared) when ``redis_url`` is set, else in-process."""
    local = MemoryDocumentStore(settings.trusted_documents.apq_max_entries)
    if settings.redis_url is None:
        return local
    client = redis.Redis.from_url(
        settings.redis_url,
        socket_timeout=REDIS_TIMEOUT,
        socket_connect_timeout=REDIS_TIMEOUT,
        retry=Retry(NoBackoff(), 1),  # one more try (a pooled connection Redis closed), then the fallback
    )
    return RedisDocumentStore(client, local=local, ttl=settings.trusted_documents.apq_ttl)


__all__ = ["DocumentStore", "MemoryDocumentStore", "RedisDocumentStore", "build_document_store"]
