"""Clients, scopes and issued access tokens, shared by the identity server and the API.

A scope ``api_informat_sas_personeel.personeel.{instituteNo}`` lets a token act for one
school. Choice: tokens look like the document's JWTs (header.payload.signature, base64url,
with the real claims) but the API checks them by lookup, so only tokens this identity
server issued since the last reset are valid; nothing verifies a signature.

Demo clients:

- ``staffgraph-demo`` / ``demo-secret``: the three schools 032912, 047225, 119537.
- ``staffgraph-other`` / ``other-secret``: only school 126425 (which the demo client may not
  request), so tests can show a school's data exists and still be refused to another client.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable
from dataclasses import dataclass

import orjson

from simulators.informat.staffing import DEMO_INSTITUTES

SCOPE_PREFIX = "api_informat_sas_personeel.personeel."
TOKEN_LIFETIME_SECONDS = 3600
ISSUER = "https://www.identityserver.be"
# Choice: expiry is exact. ASP.NET's JwtBearer allows 5 minutes of clock skew by default, but a
# client must not rely on that, and tests with a fake clock can then expire a token at ``exp``.
CLOCK_SKEW_SECONDS = 0


@dataclass(frozen=True)
class Client:
    client_id: str
    secret: str
    institutes: tuple[str, ...]

    @property
    def scopes(self) -> tuple[str, ...]:
        return tuple(SCOPE_PREFIX + number for number in self.institutes)


CLIENTS = {
    client.client_id: client
    for client in (
        Client("staffgraph-demo", "demo-secret", DEMO_INSTITUTES),
        Client("staffgraph-other", "other-secret", ("126425",)),
    )
}


@dataclass(frozen=True)
class IssuedToken:
    value: str
    client_id: str
    scopes: tuple[str, ...]
    institutes: frozenset[str]
    issued_at: int
    expires_at: int


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class TokenStore:
    """Issued tokens by value; forgotten on reset."""

    def __init__(self, seed: int, clock: Callable[[], float]) -> None:
        self._seed = seed
        self._clock = clock
        self._tokens: dict[str, IssuedToken] = {}
        self._serial = 0

    def reset(self) -> None:
        self._tokens.clear()
        self._serial = 0

    def issue(self, client: Client, scopes: tuple[str, ...]) -> IssuedToken:
        self._serial += 1
        now = int(self._clock())
        jti = hashlib.sha256(f"{self._seed}:{self._serial}:{client.client_id}:{now}".encode()).hexdigest()
        header = {"alg": "RS256", "kid": "628C771D3AB4B4F9834E89217217699969256E8D", "typ": "at+jwt"}
        payload = {
            "nbf": now,
            "exp": now + TOKEN_LIFETIME_SECONDS,
            "iss": ISSUER,
            "aud": [f"{ISSUER}/resources", "api_informat_sas_personeel"],
            "client_id": client.client_id,
            "jti": jti[:32].upper(),
            "iat": now,
            "scope": list(scopes),
        }
        signature = b"".join(hashlib.sha256(f"{jti}:{n}".encode()).digest() for n in range(8))
        value = ".".join((_b64(orjson.dumps(header)), _b64(orjson.dumps(payload)), _b64(signature)))
        institutes = frozenset(scope.removeprefix(SCOPE_PREFIX) for scope in scopes)
        token = IssuedToken(value, client.client_id, scopes, institutes, now, now + TOKEN_LIFETIME_SECONDS)
        self._tokens[value] = token
        return token

    def lookup(self, value: str) -> IssuedToken | None:
        return self._tokens.get(value)

    def expired(self, token: IssuedToken) -> bool:
        return self._clock() >= token.expires_at + CLOCK_SKEW_SECONDS
