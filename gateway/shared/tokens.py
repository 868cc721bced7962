"""The gateway's Informat tokens (``gateway.tokens``) in Redis, encrypted, so replicas fetch one token.

Key: ``staffgraph:token:<upstream>:<SHA-256 of what fetched it>`` (token URL, client id,
secret, scopes: ``InformatTokens`` computes it). Value: a Fernet token (AES-128-CBC with
HMAC-SHA256) of the orjson document ``{"token": ..., "institutes": [...]}``, under a key
derived (HKDF-SHA256) from the client secret. A bearer token is a credential: whoever can
read Redis — a backup, a ``MONITOR``, another application sharing it — must not be able
to call Informat with it, while every replica holding the same client secret can. Expiry:
the token's own lifetime minus the refresh margin, as a Redis expiry, so what Redis hands
out is always still fresh; a replica reads the time left with it.
"""

from __future__ import annotations

import base64
import math

import orjson
from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from redis.asyncio import Redis

from gateway.secrets import Secret
from gateway.shared.redis import SharedRedis, key

STORE = "token"  # the label of staffgraph_redis_fallbacks_total
_INFO = b"staffgraph shared token v1"


def sealing_key(secret: Secret) -> Fernet:
    """The cipher for tokens fetched with ``secret``: only replicas that hold it can read them."""
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO).derive(
        secret.reveal().encode()
    )
    return Fernet(base64.urlsafe_b64encode(derived))


class RedisTokens:
    """``get``/``put`` one upstream's tokens; both raise ``RedisUnavailable``."""

    def __init__(self, redis: SharedRedis, upstream: str) -> None:
        self.redis = redis
        self.upstream = upstream

    def key(self, fingerprint: str) -> str:
        return key("token", self.upstream, fingerprint)

    async def get(self, fingerprint: str, cipher: Fernet) -> tuple[Secret, tuple[str, ...], float] | None:
        """The token stored under ``fingerprint``, its institutes and the seconds it stays in Redis;
        ``None`` when there is none (or none this secret can read)."""
        name = self.key(fingerprint)

        async def get(client: Redis) -> tuple[bytes | None, int]:
            async with client.pipeline(transaction=True) as pipe:
                pipe.get(name)
                pipe.pttl(name)
                sealed, left = await pipe.execute()
            return sealed, int(left)

        sealed, left_ms = await self.redis.run(STORE, get)
        if sealed is None or left_ms <= 0:
            return None
        try:
            doc = orjson.loads(cipher.decrypt(sealed))
            return Secret(str(doc["token"])), tuple(str(i) for i in doc["institutes"]), left_ms / 1000
        except (InvalidToken, ValueError, KeyError, TypeError):
            return None

    async def put(
        self, fingerprint: str, cipher: Fernet, token: Secret, institutes: tuple[str, ...], keep: float
    ) -> None:
        """Store ``token`` for ``keep`` seconds (nothing when that is not positive)."""
        if keep <= 0:
            return
        name = self.key(fingerprint)
        sealed = cipher.encrypt(orjson.dumps({"token": token.reveal(), "institutes": list(institutes)}))

        async def put(client: Redis) -> None:
            await client.set(name, sealed, px=max(1, math.floor(keep * 1000)))

        await self.redis.run(STORE, put)


__all__ = ["RedisTokens", "sealing_key"]
