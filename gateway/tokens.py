"""Gateway-held Informat tokens: client credentials -> a bearer token with the institute scopes.

One token serves every request that does not bring its own (``X-Informat-Authorization``
overrides it, see ``gateway.auth``). Tokens are cached until ``REFRESH_MARGIN`` seconds
before they expire, keyed by a SHA-256 of what fetched them (token URL, client id,
secret, scopes) so the secret is never a dictionary key or a log line; concurrent
requests that find no fresh token wait for the one fetch in flight instead of each
asking the identity server.

With Redis (``STAFFGRAPH_REDIS_URL``) a fetched token is also kept there, encrypted with a
key derived from the client secret (``gateway.shared.tokens``), so the other replicas use
it instead of fetching their own; a token Informat refused is never taken from Redis
again. While Redis is unavailable each replica fetches and keeps its own.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import orjson

from gateway.secrets import Secret, credential_hash
from gateway.shared.redis import RedisUnavailable, SharedRedis
from gateway.shared.tokens import RedisTokens, sealing_key

if TYPE_CHECKING:  # the upstreams package builds these, so it imports this module, not the reverse
    from gateway.upstreams.informat import InformatIdentityClient

SCOPE_PREFIX = "api_informat_sas_personeel.personeel."

# Renew this long before expiry, so a token never runs out between fetching and use.
REFRESH_MARGIN = 60.0
DEFAULT_LIFETIME = 300.0


@dataclass(frozen=True)
class InformatToken:
    value: Secret
    expires_at: float
    institutes: tuple[str, ...]


class InformatTokens:
    """Fetches, caches and refreshes the gateway's Informat token."""

    def __init__(
        self,
        identity: InformatIdentityClient,
        client_id: str | None,
        secret: Secret | None,
        institutes: tuple[str, ...] = (),
        *,
        clock: Callable[[], float] = time.monotonic,
        margin: float = REFRESH_MARGIN,
        redis: SharedRedis | None = None,
    ) -> None:
        self.identity = identity
        self._client_id = client_id
        self._secret = secret
        self._scopes = [SCOPE_PREFIX + number for number in institutes]
        self._clock = clock
        self._margin = margin
        self._cache: dict[str, InformatToken] = {}
        self._lock: asyncio.Lock | None = None
        self.fetches = 0
        self._shared = RedisTokens(redis, "informat") if redis is not None and secret else None
        self._cipher = sealing_key(secret) if self._shared is not None and secret else None
        self._refused: frozenset[str] = frozenset()  # fingerprints of tokens ``forget`` dropped

    @property
    def configured(self) -> bool:
        return bool(self._client_id and self._secret)

    def _key(self) -> str:
        assert self._client_id is not None and self._secret is not None
        return credential_hash(
            "\0".join([self.identity.base_url, self._client_id, self._secret.reveal(), *self._scopes])
        )

    def _fresh(self, key: str) -> InformatToken | None:
        cached = self._cache.get(key)
        if cached is not None and self._clock() < cached.expires_at - self._margin:
            return cached
        return None

    async def token(self) -> InformatToken | None:
        """A valid token, or ``None`` when the gateway holds no Informat client credentials."""
        if not self.configured:
            return None
        key = self._key()
        cached = self._fresh(key)
        if cached is not None:
            return cached
        if self._lock is None:
            self._lock = asyncio.Lock()
        async with self._lock:
            cached = self._fresh(key)  # another request may have fetched it while we waited
            if cached is not None:
                return cached
            cached = await self._from_shared(key)  # another replica may have fetched it
            if cached is not None:
                self._cache[key] = cached
                return cached
            assert self._client_id is not None and self._secret is not None
            body = await self.identity.client_credentials(self._client_id, self._secret, self._scopes)
            self.fetches += 1
            lifetime = float(body.get("expires_in") or DEFAULT_LIFETIME)
            granted = str(body.get("scope") or " ".join(self._scopes)).split()
            token = InformatToken(
                value=Secret(str(body["access_token"])),
                expires_at=self._clock() + lifetime,
                institutes=institutes_of(granted),
            )
            self._cache[key] = token
            await self._to_shared(key, token, lifetime)
            return token

    async def _from_shared(self, key: str) -> InformatToken | None:
        if self._shared is None or self._cipher is None:
            return None
        try:
            found = await self._shared.get(key, self._cipher)
        except RedisUnavailable:
            return None
        if found is None or found[0].fingerprint() in self._refused:
            return None
        value, institutes, left = found
        return InformatToken(
            value=value, expires_at=self._clock() + left + self._margin, institutes=institutes
        )

    async def _to_shared(self, key: str, token: InformatToken, lifetime: float) -> None:
        if self._shared is None or self._cipher is None:
            return
        # unavailable: this replica keeps it; the others fetch their own until Redis is back
        with contextlib.suppress(RedisUnavailable):
            await self._shared.put(key, self._cipher, token.value, token.institutes, lifetime - self._margin)

    def forget(self) -> None:
        """Drop cached tokens (after the upstream refused one, or in tests); one in Redis that was
        among them is not taken from there again."""
        if self._cache:  # a second forget before the next fetch keeps what the first refused
            self._refused = frozenset(token.value.fingerprint() for token in self._cache.values())
        self._cache.clear()

    async def aclose(self) -> None:
        await self.identity.aclose()


def institutes_of(scopes: list[str]) -> tuple[str, ...]:
    return tuple(scope[len(SCOPE_PREFIX) :] for scope in scopes if scope.startswith(SCOPE_PREFIX))


def jwt_institutes(token: Secret) -> tuple[str, ...]:
    """The institutes in a caller's Informat JWT ``scope`` claim, read without verifying it.

    Only used to *list* schools for a caller who brought their own token; Informat itself
    checks the token on every call, so a forged claim lists a school it will then refuse.
    """
    parts = token.reveal().split(".")
    if len(parts) != 3:
        return ()
    try:
        payload = orjson.loads(base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4)))
    except (ValueError, orjson.JSONDecodeError):
        return ()
    scope = payload.get("scope") if isinstance(payload, dict) else None
    scopes = scope.split() if isinstance(scope, str) else scope if isinstance(scope, list) else []
    return institutes_of([str(item) for item in scopes])
