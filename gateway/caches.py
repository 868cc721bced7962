"""Caches shared across requests: bounded TTL caches keyed by a SHA-256 of the credential.

A DataLoader (``resolvers/loaders``) caches within one request; what this module holds
outlives the request, so it is the one place where one caller's answer could reach
another. Three rules keep that from happening:

- every entry is keyed by ``(cache name, SHA-256 of the credential that fetched it, key)``:
  a caller can only ever be served what the same credential was answered before, and
  the credential itself is never a key (nor in a log line or a ``repr``);
- only answers are stored: a load that raises (any ``UpstreamError``: 4xx, 5xx, timeout,
  malformed body) stores nothing, so the next request asks the upstream again;
- entries expire after ``Settings.cache_ttl`` seconds (0 switches caching off) and each
  cache holds at most ``Settings.cache_size`` entries (least recently used go first).

What is cached (reference data that clearly saves calls, measured with ``/_sim/calls``):
the Loket employers a token may see (``loket.employers``: every ``Employer`` reached
from a person, an employment or ``node``), and the Onderwijsloket locations table
(``onderwijsloket.locations``: every vacancy's nearby programs and every ``Location``).
The gateway's Informat tokens have their own cache in ``gateway.tokens``, keyed the same way.

The caches belong to one app: they hang off the app's ``Upstreams`` (weakly), so two
apps in one process — tests — never share entries, and they go when the app goes.

With ``STAFFGRAPH_REDIS_URL`` set, a load that names a ``Codec`` keeps its entry in Redis
instead (``gateway.shared.cache``: same credential hash, the TTL as the key's expiry), so
every replica serves what one of them loaded; concurrent loads of one key still wait for
each other within a replica. While Redis is unavailable the in-process entries above
answer, and a value loaded when Redis could not take it is kept there.
"""

from __future__ import annotations

import asyncio
import logging
import time
import weakref
from collections.abc import AsyncIterator, Awaitable, Callable, Hashable
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any, TypeVar

from cachetools import TTLCache

from gateway.metrics import observe_cache
from gateway.secrets import Secret
from gateway.settings import DEFAULT_CACHE_SIZE as DEFAULT_SIZE
from gateway.settings import DEFAULT_CACHE_TTL as DEFAULT_TTL
from gateway.shared.cache import RedisEntries
from gateway.shared.codecs import Codec
from gateway.shared.redis import RedisUnavailable, SharedRedis

if TYPE_CHECKING:  # the context module builds on the upstreams; this one needs only its type
    from gateway.context import Context

V = TypeVar("V")
log = logging.getLogger("staffgraph.caches")


class CredentialCache:
    """One named cache; ``get_or_load`` is the only way in, so nothing is stored without a credential."""

    def __init__(
        self,
        name: str,
        *,
        ttl: float = DEFAULT_TTL,
        maxsize: int = DEFAULT_SIZE,
        clock: Callable[[], float] = time.monotonic,
        redis: SharedRedis | None = None,
    ) -> None:
        self.name = name
        self.ttl = ttl
        self._remote = RedisEntries(redis, name, ttl) if redis is not None and ttl > 0 else None
        self._entries: TTLCache[tuple[str, Hashable], Any] | None = (
            TTLCache(maxsize=maxsize, ttl=ttl, timer=clock) if ttl > 0 else None
        )
        # one lock per key being loaded: concurrent requests with the same credential wait for the
        # first load instead of each calling the upstream; a failed load leaves nothing behind
        self._loading: dict[tuple[str, Hashable], asyncio.Lock] = {}
        self.hits = 0
        self.misses = 0

    def __repr__(self) -> str:
        return f"CredentialCache({self.name!r}, ttl={self.ttl:g}, entries={len(self)})"

    def __len__(self) -> int:
        return 0 if self._entries is None else len(self._entries)

    def keys(self) -> list[tuple[str, Hashable]]:
        """``(credential hash, key)`` of every live entry (tests check no credential is among them)."""
        return [] if self._entries is None else list(self._entries.keys())

    async def get_or_load(
        self,
        credential: Secret,
        key: Hashable,
        load: Callable[[], Awaitable[V]],
        codec: Codec[V] | None = None,
    ) -> V:
        """The entry for ``credential`` and ``key``, loading (and storing) it when absent.

        ``load`` raising stores nothing and reaches the caller unchanged. With a ``codec`` and
        Redis configured the entry lives in Redis (``key`` as text), else in this process.
        """
        if self._entries is None:
            self._counted(hit=False)
            return await load()
        entry = (credential.fingerprint(), key)
        if codec is not None and self._remote is not None:
            try:
                return await self._shared(entry, load, codec, self._remote)
            except RedisUnavailable:
                pass  # nothing was loaded: answer from this process below
        if entry in self._entries:
            self._counted(hit=True)
            return self._entries[entry]  # type: ignore[no-any-return]
        async with self._single_flight(entry):
            if entry in self._entries:  # loaded by the request we waited for
                self._counted(hit=True)
                return self._entries[entry]  # type: ignore[no-any-return]
            self._counted(hit=False)
            value = await load()
            self._entries[entry] = value
            return value

    async def _shared(
        self,
        entry: tuple[str, Hashable],
        load: Callable[[], Awaitable[V]],
        codec: Codec[V],
        remote: RedisEntries,
    ) -> V:
        """The Redis path; ``RedisUnavailable`` only before ``load`` ran (after it, the value stays here)."""
        fingerprint, name = entry[0], str(entry[1])
        found = self._decoded(await remote.get(fingerprint, name), codec)
        if found is not None:
            self._counted(hit=True)
            return found[0]
        async with self._single_flight(entry):
            found = self._decoded(await remote.get(fingerprint, name), codec)
            if found is not None:  # loaded by the request we waited for, or by another replica
                self._counted(hit=True)
                return found[0]
            self._counted(hit=False)
            value = await load()
            try:
                await remote.put(fingerprint, name, codec.encode(value))
            except RedisUnavailable:
                assert self._entries is not None
                self._entries[entry] = value
            return value

    def _counted(self, *, hit: bool) -> None:
        if hit:
            self.hits += 1
        else:
            self.misses += 1
        observe_cache(self.name, hit=hit)

    def _decoded(self, data: bytes | None, codec: Codec[V]) -> tuple[V] | None:
        """``(value,)`` of a Redis entry; ``None`` for none, or one this version cannot read (a miss)."""
        if data is None:
            return None
        try:
            return (codec.decode(data),)
        except ValueError as exc:
            log.warning("cache %s: ignoring an entry in Redis: %s", self.name, exc)
            return None

    @asynccontextmanager
    async def _single_flight(self, entry: tuple[str, Hashable]) -> AsyncIterator[None]:
        """One load per entry at a time in this process: concurrent requests with the same credential
        wait for the first load instead of each calling the upstream; a failed load leaves nothing."""
        lock = self._loading.setdefault(entry, asyncio.Lock())
        try:
            async with lock:
                yield
        finally:
            if not lock.locked() and self._loading.get(entry) is lock:
                del self._loading[entry]

    def clear(self) -> None:
        if self._entries is not None:
            self._entries.clear()


class SharedCaches:
    """The named caches of one app, created on first use with the app's TTL and size."""

    def __init__(
        self, *, ttl: float = DEFAULT_TTL, maxsize: int = DEFAULT_SIZE, redis: SharedRedis | None = None
    ) -> None:
        self.ttl = ttl
        self.maxsize = maxsize
        self.redis = redis
        self._caches: dict[str, CredentialCache] = {}

    def __getitem__(self, name: str) -> CredentialCache:
        cache = self._caches.get(name)
        if cache is None:
            cache = self._caches[name] = CredentialCache(
                name, ttl=self.ttl, maxsize=self.maxsize, redis=self.redis
            )
        return cache

    def __iter__(self) -> Any:
        return iter(list(self._caches.values()))

    def clear(self) -> None:
        for cache in self._caches.values():
            cache.clear()


_BY_APP: weakref.WeakKeyDictionary[Any, SharedCaches] = weakref.WeakKeyDictionary()


def shared_caches(
    owner: Any, *, ttl: float = DEFAULT_TTL, maxsize: int = DEFAULT_SIZE, redis: SharedRedis | None = None
) -> SharedCaches:
    """The caches of the app whose shared clients are ``owner`` (its ``Upstreams``); made on first use."""
    caches = _BY_APP.get(owner)
    if caches is None:
        caches = _BY_APP[owner] = SharedCaches(ttl=ttl, maxsize=maxsize, redis=redis)
    return caches


def caches_of(context: Context) -> SharedCaches:
    """The shared caches of the app serving ``context``'s request."""
    return shared_caches(
        context.upstreams,
        ttl=context.settings.cache_ttl,
        maxsize=context.settings.cache_size,
        redis=context.upstreams.redis,
    )


__all__ = ["CredentialCache", "SharedCaches", "caches_of", "shared_caches"]
