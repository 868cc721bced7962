"""Who is asking: static tokens, temporary tokens from ``/auth/login``, or nobody (public).

Directus reads the token from ``Authorization: Bearer <token>`` (the header wins) or the
``access_token`` query parameter. A token that is a Directus JWT (``iss: "directus"``) is
verified: a bad signature is 403 INVALID_TOKEN, an expired one 401 TOKEN_EXPIRED. Any
other token is looked up as a user's static token; an unknown one is 401
INVALID_CREDENTIALS "Invalid user credentials.", which is what Directus answers for a
wrong static token (INVALID_TOKEN is only for JWTs it cannot verify).

Demo accounts (``ACCOUNTS``):
- ``demo-onderwijsloket-token`` (``demo@onderwijsloket.example`` / ``demo-onderwijsloket-password``)
  holds the Navigator, HOVI and KiesMBO policies: every vendor's programmes, forms,
  institutions and locations.
- ``demo-onderwijsloket-public-token`` (``navigator@onderwijsloket.example`` /
  ``navigator-onderwijsloket-password``) holds only the free Navigator policy: rows with
  ``vendor = 'onderwijsloket'``.

Choice: no token at all is Directus's public role, which may read none of these
collections (the document: "you'll need an API token"), so reads answer 403 FORBIDDEN.
Temporary tokens live ``ACCESS_TOKEN_TTL`` seconds (Directus's 15 minutes) by
``config.clock``; ``reset`` changes the signing key, so tokens issued before it fail as
INVALID_TOKEN, and forgets refresh tokens.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass
from typing import Any

import orjson

from simulators.config import SimConfig
from simulators.onderwijsloket.errors import invalid_credentials, invalid_token, token_expired
from simulators.onderwijsloket.store import Policy

ACCESS_TOKEN_TTL = 900
REFRESH_TOKEN_TTL = 7 * 86400
FULL = Policy("navigator+hovi+kiesmbo", None)
NAVIGATOR = Policy("navigator", frozenset({"onderwijsloket"}))


@dataclass(frozen=True)
class Account:
    id: str
    email: str
    password: str
    token: str
    first_name: str
    last_name: str
    role: str
    policy: Policy


ACCOUNTS: tuple[Account, ...] = (
    Account(
        "5b1f6c2e-8a4d-4f0e-9c3b-1d2e3f4a5b6c",
        "demo@onderwijsloket.example",
        "demo-onderwijsloket-password",
        "demo-onderwijsloket-token",
        "Staffgraph",
        "Demo",
        "a3c1e5f7-2b4d-4c6e-8f0a-1b3d5f7a9c2e",
        FULL,
    ),
    Account(
        "7d2e8f3a-9b5c-4e1f-8a2b-3c4d5e6f7a8b",
        "navigator@onderwijsloket.example",
        "navigator-onderwijsloket-password",
        "demo-onderwijsloket-public-token",
        "Navigator",
        "Demo",
        "c5e7a9b1-3d5f-4a7c-9e1b-2d4f6a8c0e3a",
        NAVIGATOR,
    ),
)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class Authenticator:
    def __init__(self, config: SimConfig, accounts: tuple[Account, ...] = ACCOUNTS) -> None:
        self.config = config
        self.accounts = accounts
        self._by_token = {account.token: account for account in accounts}
        self._by_id = {account.id: account for account in accounts}
        self._generation = 0
        self._refresh: dict[str, tuple[str, float]] = {}  # refresh token -> (account id, expiry)
        self._issued = 0

    def reset(self) -> None:
        self._generation += 1
        self._refresh.clear()

    def _key(self) -> bytes:
        return hashlib.sha256(f"onderwijsloket:{self.config.seed}:{self._generation}".encode()).digest()

    def _sign(self, payload: dict[str, Any]) -> str:
        head = _b64(orjson.dumps({"alg": "HS256", "typ": "JWT"}))
        body = _b64(orjson.dumps(payload))
        signature = hmac.new(self._key(), f"{head}.{body}".encode(), hashlib.sha256).digest()
        return f"{head}.{body}.{_b64(signature)}"

    @staticmethod
    def _claims(token: str) -> dict[str, Any] | None:
        """The payload if ``token`` looks like a Directus JWT (unverified), else ``None``."""
        parts = token.split(".")
        if len(parts) != 3:
            return None
        try:
            claims = orjson.loads(_unb64(parts[1]))
        except (ValueError, orjson.JSONDecodeError):
            return None
        return claims if isinstance(claims, dict) and claims.get("iss") == "directus" else None

    def resolve(self, token: str | None) -> Account | None:
        """The account behind ``token``; ``None`` for the public role."""
        if token is None:
            return None
        claims = self._claims(token)
        if claims is None:
            account = self._by_token.get(token)
            if account is None:
                raise invalid_credentials()
            return account
        head, body, signature = token.split(".")
        expected = _b64(hmac.new(self._key(), f"{head}.{body}".encode(), hashlib.sha256).digest())
        if not hmac.compare_digest(expected, signature):
            raise invalid_token()
        if not isinstance(claims.get("exp"), int | float) or claims["exp"] <= self.config.clock():
            raise token_expired()
        account = self._by_id.get(claims.get("id", ""))
        if account is None:
            raise invalid_credentials()
        return account

    def _pair(self, account: Account) -> dict[str, Any]:
        now = self.config.clock()
        self._issued += 1
        claims = {"id": account.id, "role": account.role, "app_access": False, "admin_access": False}
        claims.update(iat=int(now), exp=int(now) + ACCESS_TOKEN_TTL, iss="directus", n=self._issued)
        access = self._sign(claims)
        refresh = _b64(hashlib.sha256(f"{access}:refresh".encode()).digest())
        self._refresh[refresh] = (account.id, now + REFRESH_TOKEN_TTL)
        return {"access_token": access, "expires": ACCESS_TOKEN_TTL * 1000, "refresh_token": refresh}

    def login(self, email: str, password: str) -> dict[str, Any]:
        for account in self.accounts:
            if account.email.lower() == email.lower() and hmac.compare_digest(account.password, password):
                return self._pair(account)
        raise invalid_credentials()

    def refresh(self, refresh_token: str) -> dict[str, Any]:
        entry = self._refresh.pop(refresh_token, None)
        if entry is None or entry[1] <= self.config.clock():
            raise invalid_credentials()
        return self._pair(self._by_id[entry[0]])
