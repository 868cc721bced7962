"""State that replicas share through Redis (``STAFFGRAPH_REDIS_URL``), each store falling back to the
process's own state while Redis is away.

- ``redis``: the connection pool, outage handling and key naming every store uses;
- ``codecs``: explicit orjson encodings of the records that are cached;
- ``cache``: entries of the named credential caches (``gateway.caches``);
- ``tokens``: the gateway's Informat tokens (``gateway.tokens``), encrypted;
- ``budget``: the sliding windows of the rate budgets (``gateway.resilience.budget``).
"""

from __future__ import annotations

from gateway.shared.redis import FALLBACKS, KEY_PREFIX, RedisUnavailable, SharedRedis, key, redacted

__all__ = ["FALLBACKS", "KEY_PREFIX", "RedisUnavailable", "SharedRedis", "key", "redacted"]
