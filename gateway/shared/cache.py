"""The entries of one named credential cache (``gateway.caches``) in Redis, shared by every replica.

Key: ``staffgraph:cache:<cache name>:<SHA-256 of the credential>:<key>`` — the same
credential hash the in-process cache keys by, so a caller is only ever served what the
same credential was answered, on whichever replica. Value: the codec's orjson document
(``gateway.shared.codecs``). The cache's TTL is the key's Redis expiry, so an entry
leaves Redis when it would have left the process.
"""

from __future__ import annotations

import math

from redis.asyncio import Redis

from gateway.shared.redis import SharedRedis, key

STORE = "cache"  # the label of staffgraph_redis_fallbacks_total


class RedisEntries:
    """``get``/``put`` raw entries of the cache ``name``; both raise ``RedisUnavailable``."""

    def __init__(self, redis: SharedRedis, name: str, ttl: float) -> None:
        self.redis = redis
        self.name = name
        self.ttl_ms = max(1, math.ceil(ttl * 1000))

    def key(self, fingerprint: str, entry: str) -> str:
        return key("cache", self.name, fingerprint, entry)

    async def get(self, fingerprint: str, entry: str) -> bytes | None:
        name = self.key(fingerprint, entry)

        async def get(client: Redis) -> bytes | None:
            found = await client.get(name)
            return found.encode() if isinstance(found, str) else found  # bytes: responses are not decoded

        return await self.redis.run(STORE, get)

    async def put(self, fingerprint: str, entry: str, value: bytes) -> None:
        name = self.key(fingerprint, entry)

        async def put(client: Redis) -> None:
            await client.set(name, value, px=self.ttl_ms)

        await self.redis.run(STORE, put)


__all__ = ["RedisEntries"]
