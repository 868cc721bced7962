"""Who is calling: demo users and clients, issued tokens and their expiry.

Demo credentials (design.md): ``alice`` / ``alice-demo`` sees two employers, ``bob`` /
``bob-demo`` one other; the fixed tokens ``demo-loket-alice`` and ``demo-loket-bob``
never expire; the client is ``staffgraph-demo`` / ``demo-secret``. A fourth employer
is visible to nobody. Issued tokens expire by ``config.clock()``.

Choice: access tokens live ``ACCESS_TOKEN_SECONDS`` (3599, the document's example
``expires_in``); refresh tokens live 30 days and are single use (a refresh returns a
new one and retires the old); authorization codes live 10 minutes and are single use.
Choice: issued tokens and codes are drawn from a generator seeded like the data, so a
run is reproducible; ``reset`` forgets them and restarts the sequence.
Choice: the ``Bearer`` scheme matches without regard to case (OWIN's bearer handler
does), and the token must match the document's ``[\\w-]+``.
"""

from __future__ import annotations

import random
import re
import string
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from simulators.loket.errors import Unauthorized
from simulators.seeding import rng_for

ACCESS_TOKEN_SECONDS = 3599
REFRESH_TOKEN_SECONDS = 30 * 24 * 3600
CODE_SECONDS = 600
DEMO_CLIENTS = {"staffgraph-demo": "demo-secret"}
DEMO_PASSWORDS = {"alice": "alice-demo", "bob": "bob-demo"}
FIXED_TOKENS = {"demo-loket-alice": "alice", "demo-loket-bob": "bob"}

_BEARER = re.compile(r"bearer\s([\w-]+)", re.IGNORECASE | re.ASCII)
_ALPHABET = string.ascii_letters + string.digits


@dataclass(frozen=True)
class User:
    name: str
    employer_ids: frozenset[str]

    def may_see(self, employer_id: str) -> bool:
        return employer_id in self.employer_ids


class OAuthError(Exception):
    """An RFC 6749 error: ``{"error": code, "error_description": description}``."""

    def __init__(self, code: str, description: str, status: int = 400) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.status = status


@dataclass(frozen=True)
class _Issued:
    user: str
    client_id: str
    expires_at: float
    redirect_uri: str | None = None


class TokenStore:
    def __init__(self, users: Mapping[str, User], seed: int, clock: Callable[[], float]) -> None:
        self.users = dict(users)
        self._seed = seed
        self._clock = clock
        self._lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        with self._lock:
            self._rng = rng_for(self._seed, "loket", "tokens")
            self._access: dict[str, _Issued] = {}
            self._refresh: dict[str, _Issued] = {}
            self._codes: dict[str, _Issued] = {}

    def _new(self, rng: random.Random, length: int) -> str:
        return "".join(rng.choice(_ALPHABET) for _ in range(length))

    def authenticate(self, authorization: str | None) -> User:
        """The user behind an ``Authorization: Bearer`` header; 401 for anything else."""
        match = _BEARER.fullmatch(authorization.strip()) if authorization else None
        if match is None:
            raise Unauthorized()
        token = match.group(1)
        if token in FIXED_TOKENS:
            return self.users[FIXED_TOKENS[token]]
        with self._lock:
            issued = self._access.get(token)
        if issued is None or self._clock() >= issued.expires_at:
            raise Unauthorized()
        return self.users[issued.user]

    def check_password(self, username: str, password: str) -> str | None:
        """The canonical user name when the demo credentials match."""
        if DEMO_PASSWORDS.get(username) == password:
            return username
        return None

    def issue(self, user: str, client_id: str) -> dict[str, Any]:
        """A token response exactly in the document's shape."""
        now = self._clock()
        with self._lock:
            access = self._new(self._rng, 64)
            refresh = self._new(self._rng, 24)
            self._access[access] = _Issued(user, client_id, now + ACCESS_TOKEN_SECONDS)
            self._refresh[refresh] = _Issued(user, client_id, now + REFRESH_TOKEN_SECONDS)
        return {
            "access_token": access,
            "token_type": "bearer",
            "expires_in": ACCESS_TOKEN_SECONDS,
            "refresh_token": refresh,
            "two_factor_state": "None",
        }

    def refresh(self, refresh_token: str, client_id: str) -> dict[str, Any]:
        with self._lock:
            issued = self._refresh.pop(refresh_token, None)
        if issued is None or self._clock() >= issued.expires_at:
            raise OAuthError("invalid_grant", "The refresh token is invalid, expired or already used.")
        if issued.client_id != client_id:
            raise OAuthError("invalid_grant", "The refresh token was issued to another client.")
        return self.issue(issued.user, client_id)

    def new_code(self, user: str, client_id: str, redirect_uri: str) -> str:
        with self._lock:
            code = self._new(self._rng, 32)
            self._codes[code] = _Issued(user, client_id, self._clock() + CODE_SECONDS, redirect_uri)
        return code

    def redeem_code(self, code: str, client_id: str, redirect_uri: str | None) -> dict[str, Any]:
        with self._lock:
            issued = self._codes.pop(code, None)
        if issued is None or self._clock() >= issued.expires_at:
            raise OAuthError("invalid_grant", "The authorization code is invalid, expired or already used.")
        if issued.client_id != client_id:
            raise OAuthError("invalid_grant", "The authorization code was issued to another client.")
        if redirect_uri != issued.redirect_uri:
            raise OAuthError("invalid_grant", "The redirect_uri does not match the one used to authorize.")
        return self.issue(issued.user, client_id)
