"""Who is calling: the caller the gateway may lend its own credentials to (``STAFFGRAPH_AUTH``).

The gateway holds credentials of its own for Informat, ICTerGezocht and Onderwijsloket;
``STAFFGRAPH_AUTH`` decides who may use them (``gateway.auth`` applies the verdict):

- ``anonymous``: anyone may read; writes only with ``STAFFGRAPH_ANONYMOUS_WRITES=true``
  (the demo). Nothing is verified, so a caller is known only by its client IP.
- ``jwt``: a JWT in ``X-Staffgraph-Authorization: Bearer <jwt>``, verified against the keys
  of ``STAFFGRAPH_JWT_JWKS_URL`` (fetched and cached) or ``STAFFGRAPH_JWT_KEY_FILE`` (a PEM
  public key or certificate, or a JWK set), with ``exp``, ``iss`` and ``aud`` required and
  checked. The caller is its issuer and subject.
- ``api-key``: a key in ``X-Staffgraph-Authorization: Bearer <key>``; the gateway holds only
  SHA-256 digests of the keys (``STAFFGRAPH_API_KEYS_FILE``) and compares in constant time.

``X-Staffgraph-Authorization`` is its own header because ``Authorization`` already means
something (the pass-through token for Loket): the gateway reads it and never forwards it.
A caller's identity (``Caller.identity``) is also what its share of a rate budget is kept
under (``gateway.resilience.budget``): the verified credential's, else the client IP — an
unverified header must not let a caller take a fresh identity per request.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import jwt
from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, rsa

from gateway.exceptions import ConfigError
from gateway.secrets import credential_hash, credential_problem
from gateway.settings import (
    AUTH_MODES,
    DEFAULT_AUTH,
    DEFAULT_TIMEOUTS,
    JWT_ALGORITHMS,
    PREFIX,
    InboundAuth,
    UpstreamTimeouts,
)

log = logging.getLogger("staffgraph.auth")

CALLER_HEADER = "X-Staffgraph-Authorization"
# Signing keys fetched from a JWKS URL are used for this long, then fetched again; a token naming a
# key id not among them fetches at once, but never more often than MIN_REFETCH (a flood of made-up
# key ids costs the identity provider one request per MIN_REFETCH, not one per request).
JWKS_TTL = 300.0
MIN_REFETCH = 10.0
JWKS_FETCH_TIMEOUT = 5.0

PublicKey = rsa.RSAPublicKey | ec.EllipticCurvePublicKey | ed25519.Ed25519PublicKey | ed448.Ed448PublicKey
_EC_ALGORITHMS = {"secp256r1": "ES256", "secp384r1": "ES384", "secp521r1": "ES512"}


@dataclass(frozen=True)
class Caller:
    """One request's caller. ``identity`` keys its budget share: ``jwt:``/``key:`` and a SHA-256 for a
    verified credential, else ``ip:`` and the client address. ``refused`` says why a credential it
    presented was not accepted (``None``: accepted, or none presented)."""

    identity: str
    authenticated: bool = False
    refused: str | None = None


def anonymous(client: str | None) -> Caller:
    return Caller(f"ip:{client or 'unknown'}")


def bearer(value: str | None) -> str | None:
    """The token of a ``Bearer <token>`` header value (not yet checked); ``None`` for anything else."""
    if not value:
        return None
    scheme, _, token = value.strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        return None
    return token


# ---- keys ----


@dataclass(frozen=True)
class VerificationKey:
    """A public key, its key id (``None`` from a PEM file) and the allowed algorithms it can verify."""

    kid: str | None
    key: PublicKey
    algorithms: tuple[str, ...]


def _algorithms_for(key: object, allowed: tuple[str, ...]) -> tuple[str, ...]:
    if isinstance(key, rsa.RSAPublicKey):
        usable: tuple[str, ...] = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512")
    elif isinstance(key, ec.EllipticCurvePublicKey):
        usable = (_EC_ALGORITHMS[key.curve.name],) if key.curve.name in _EC_ALGORITHMS else ()
    elif isinstance(key, ed25519.Ed25519PublicKey | ed448.Ed448PublicKey):
        usable = ("EdDSA",)
    else:  # a symmetric or private key: never a verification key here
        usable = ()
    return tuple(name for name in allowed if name in usable)


def verification_keys(text: str, allowed: tuple[str, ...]) -> list[VerificationKey]:
    """The keys in a key file or JWKS document: a PEM public key or certificate, a JWK, or a JWK set.
    ``ValueError`` (saying what is wrong) when none of them can verify any allowed algorithm."""
    text = text.strip()
    if text.startswith("{"):
        try:
            data = json.loads(text)
        except ValueError:
            raise ValueError("is not valid JSON (a JWK set is expected)") from None
        return _jwk_set(data, allowed)
    try:
        if "BEGIN CERTIFICATE" in text:
            key: object = x509.load_pem_x509_certificate(text.encode()).public_key()
        else:
            key = serialization.load_pem_public_key(text.encode())
    except (ValueError, TypeError, UnsupportedAlgorithm):
        raise ValueError("holds no PEM public key, certificate or JWK set") from None
    algorithms = _algorithms_for(key, allowed)
    if not algorithms:
        raise ValueError(f"holds a {type(key).__name__} key, which none of {', '.join(allowed)} verifies")
    return [VerificationKey(None, key, algorithms)]  # type: ignore[arg-type]


def _jwk_set(data: object, allowed: tuple[str, ...]) -> list[VerificationKey]:
    if not isinstance(data, dict):
        raise ValueError("is not a JWK set (a JSON object with 'keys')")
    entries = data.get("keys", [data])
    if not isinstance(entries, list):
        raise ValueError("has 'keys' that is not a list")
    found: list[VerificationKey] = []
    for entry in entries:
        if not isinstance(entry, dict) or entry.get("use", "sig") != "sig":
            continue
        try:
            key = jwt.PyJWK(entry).key
        except (jwt.PyJWTError, ValueError, TypeError, KeyError):
            continue  # a key type or curve this gateway cannot use: others may still do
        algorithms = _algorithms_for(key, allowed)
        if isinstance(entry.get("alg"), str):
            algorithms = tuple(name for name in algorithms if name == entry["alg"])
        if algorithms:
            kid = entry.get("kid")
            found.append(VerificationKey(kid if isinstance(kid, str) else None, key, algorithms))
    if not found:
        raise ValueError(f"holds no public signing key for {', '.join(allowed)}")
    return found


class JwksKeys:
    """The signing keys at a JWKS URL: fetched when first needed, again after ``JWKS_TTL`` or for a key id
    not among them (at most every ``MIN_REFETCH`` s); one fetch at a time, the last good keys kept when a
    fetch fails."""

    def __init__(
        self,
        url: str,
        allowed: tuple[str, ...],
        *,
        timeouts: UpstreamTimeouts = DEFAULT_TIMEOUTS,
        transport: httpx.AsyncBaseTransport | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.url = url
        self.allowed = allowed
        self.timeouts = timeouts
        self.transport = transport
        self.clock = clock
        self.keys: list[VerificationKey] = []
        self.fetches = 0
        self._fetched_at: float | None = None
        self._tried_at: float | None = None
        self._lock: asyncio.Lock | None = None

    def needs_fetch(self, kid: str | None) -> bool:
        now = self.clock()
        if self._tried_at is not None and now - self._tried_at < MIN_REFETCH:
            return False
        if self._fetched_at is None or now - self._fetched_at >= JWKS_TTL:
            return True
        return kid is not None and all(key.kid != kid for key in self.keys)

    async def refresh(self, kid: str | None) -> None:
        self._lock = self._lock or asyncio.Lock()
        async with self._lock:
            if not self.needs_fetch(kid):  # fetched while this request waited for the lock
                return
            self._tried_at = self.clock()
            self.fetches += 1
            try:
                async with asyncio.timeout(JWKS_FETCH_TIMEOUT):
                    keys = await self._fetch()
            except (TimeoutError, httpx.HTTPError, ValueError) as exc:
                where = urlsplit(self.url)
                log.warning(
                    "could not fetch the JWT signing keys from %s://%s%s: %s",
                    where.scheme,
                    where.netloc,
                    where.path,
                    str(exc) or type(exc).__name__,
                )
                return
            self.keys, self._fetched_at = keys, self.clock()

    async def _fetch(self) -> list[VerificationKey]:
        timeout = httpx.Timeout(self.timeouts.read, connect=self.timeouts.connect)
        async with httpx.AsyncClient(
            timeout=timeout, transport=self.transport, follow_redirects=False
        ) as client:
            response = await client.get(self.url, headers={"Accept": "application/json"})
        if response.status_code != 200:
            raise ValueError(f"it answered {response.status_code}")
        return verification_keys(response.text, self.allowed)


# ---- verdicts ----


class Refused(Exception):
    """A presented credential the gateway does not accept; the message completes "the token ..."."""


class JwtVerifier:
    def __init__(self, auth: InboundAuth, keys: Callable[[], list[VerificationKey]]) -> None:
        self.auth = auth
        self.keys = keys

    def verify(self, token: str) -> str:
        """The caller's identity; ``Refused`` saying why not. Never echoes the token."""
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError:
            raise Refused("is not a JWT") from None
        algorithm, kid = header.get("alg"), header.get("kid")
        if algorithm not in self.auth.jwt_algorithms:
            shown = algorithm if algorithm in (*JWT_ALGORITHMS, "none", "HS256", "HS384", "HS512") else "?"
            raise Refused(
                f"is signed with {shown!r}; the gateway accepts {', '.join(self.auth.jwt_algorithms)}"
            )
        candidates = [
            key
            for key in self.keys()
            if algorithm in key.algorithms and (kid is None or key.kid is None or key.kid == kid)
        ]
        if not candidates:
            raise Refused("is signed with a key the gateway does not know")
        for key in candidates:
            try:
                claims = jwt.decode(
                    token,
                    key.key,
                    algorithms=[algorithm],
                    audience=self.auth.jwt_audience,
                    issuer=self.auth.jwt_issuer,
                    leeway=self.auth.jwt_leeway,
                    options={"require": ["exp", "iss", "aud"]},
                )
            except jwt.InvalidSignatureError:
                continue  # another key with this id (or none) may have signed it
            except jwt.PyJWTError as exc:
                raise Refused(_reason(exc)) from None
            except (ValueError, TypeError):  # a token shaped to trip the parsers is still only refused
                raise Refused("could not be verified") from None
            subject = claims.get("sub")
            if isinstance(subject, str) and subject:
                return "jwt:" + credential_hash(f"{claims['iss']}\0{subject}")
            return "jwt:" + credential_hash(token)
        raise Refused("has a signature none of the gateway's keys verifies")


def _reason(error: jwt.PyJWTError) -> str:
    if isinstance(error, jwt.ExpiredSignatureError):
        return "has expired"
    if isinstance(error, jwt.ImmatureSignatureError):
        return "is not valid yet"
    if isinstance(error, jwt.InvalidAudienceError):
        return "is for another audience"
    if isinstance(error, jwt.InvalidIssuerError):
        return "is from another issuer"
    if isinstance(error, jwt.MissingRequiredClaimError):
        return f"has no '{error.claim}' claim"
    return "could not be verified"


class ApiKeys:
    def __init__(self, hashes: frozenset[str]) -> None:
        self.hashes = tuple(sorted(hashes))

    def verify(self, key: str) -> str:
        digest = credential_hash(key)
        known = False
        for stored in self.hashes:  # every digest compared, in constant time each: no early exit
            known |= hmac.compare_digest(digest, stored)
        if not known:
            raise Refused("is not a key the gateway knows")
        return "key:" + digest


class Authenticator:
    """The verdict on ``X-Staffgraph-Authorization`` under one app's ``InboundAuth``. ``identify`` is
    synchronous; ``prepare`` is the one await (fetching a JWKS the token needs) and comes first."""

    def __init__(
        self,
        auth: InboundAuth,
        *,
        timeouts: UpstreamTimeouts = DEFAULT_TIMEOUTS,
        transport: httpx.AsyncBaseTransport | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.auth = auth
        self.jwks: JwksKeys | None = None
        static = verification_keys(auth.jwt_keys, auth.jwt_algorithms) if auth.jwt_keys else []
        keys: Callable[[], list[VerificationKey]] = lambda: static  # noqa: E731
        if auth.jwt_jwks_url:
            jwks = self.jwks = JwksKeys(
                auth.jwt_jwks_url, auth.jwt_algorithms, timeouts=timeouts, transport=transport, clock=clock
            )
            keys = lambda: jwks.keys  # noqa: E731
        self._jwt = JwtVerifier(auth, keys)
        self._api_keys = ApiKeys(auth.api_key_hashes)

    async def prepare(self, value: str | None) -> None:
        if self.auth.mode != "jwt" or self.jwks is None:
            return
        token = bearer(value)
        if token is None or credential_problem(token) is not None:
            return
        try:
            kid = jwt.get_unverified_header(token).get("kid")
        except jwt.PyJWTError:
            return
        if self.jwks.needs_fetch(kid if isinstance(kid, str) else None):
            await self.jwks.refresh(kid if isinstance(kid, str) else None)

    def identify(self, value: str | None, client: str | None) -> Caller:
        """The caller of one request, from its ``X-Staffgraph-Authorization`` value (``None``: absent)."""
        if self.auth.mode == "anonymous" or value is None or not value.strip():
            return anonymous(client)
        token = bearer(value)
        if token is None:
            return Caller(anonymous(client).identity, refused="is not sent as 'Bearer <token>'")
        problem = credential_problem(token)
        if problem is not None:
            return Caller(anonymous(client).identity, refused=problem)
        try:
            identity = (
                self._api_keys.verify(token) if self.auth.mode == "api-key" else self._jwt.verify(token)
            )
        except Refused as refused:
            return Caller(anonymous(client).identity, refused=str(refused))
        return Caller(identity, authenticated=True)


_BY_APP: weakref.WeakKeyDictionary[Any, Authenticator] = weakref.WeakKeyDictionary()


def authenticator_of(
    owner: Any, auth: InboundAuth, timeouts: UpstreamTimeouts = DEFAULT_TIMEOUTS
) -> Authenticator:
    """The authenticator of the app whose shared clients are ``owner`` (its ``Upstreams``), holding its
    JWKS cache; a fresh one when there is no owner (a context built outside an app, in tests)."""
    if owner is None:
        return Authenticator(auth, timeouts=timeouts)
    found = _BY_APP.get(owner)
    if found is None or found.auth != auth:
        found = _BY_APP[owner] = Authenticator(auth, timeouts=timeouts)
    return found


# ---- settings ----


def inbound_auth(text: Callable[[str], str | None]) -> InboundAuth:
    """``STAFFGRAPH_AUTH`` and its mode's settings (``text(name)``: the stripped value or ``None``),
    checked together: a setting the mode does not use is a mistake worth naming, not ignoring."""
    mode = (text("AUTH") or DEFAULT_AUTH.mode).lower()
    if mode not in AUTH_MODES:
        raise ConfigError(f"{PREFIX}AUTH must be one of {', '.join(AUTH_MODES)}; got {mode!r}")
    for name, owner in _USED_BY.items():
        if text(name) is not None and owner != mode:
            raise ConfigError(f"{PREFIX}{name} applies only with {PREFIX}AUTH={owner} (it is {mode})")
    if mode == "anonymous":
        return InboundAuth(anonymous_writes=_switch("ANONYMOUS_WRITES", text("ANONYMOUS_WRITES")))
    if mode == "api-key":
        return InboundAuth(mode=mode, api_key_hashes=_api_key_hashes(text("API_KEYS_FILE")))
    return _jwt_auth(text)


_USED_BY = {
    "ANONYMOUS_WRITES": "anonymous",
    "JWT_JWKS_URL": "jwt",
    "JWT_KEY_FILE": "jwt",
    "JWT_ISSUER": "jwt",
    "JWT_AUDIENCE": "jwt",
    "JWT_ALGORITHMS": "jwt",
    "JWT_LEEWAY": "jwt",
    "API_KEYS_FILE": "api-key",
}


def _switch(name: str, raw: str | None) -> bool:
    if raw is None or raw.lower() in ("0", "false", "no", "off"):
        return False
    if raw.lower() in ("1", "true", "yes", "on"):
        return True
    raise ConfigError(f"{PREFIX}{name} must be true or false, got {raw!r}")


def _jwt_auth(text: Callable[[str], str | None]) -> InboundAuth:
    url, key_file = text("JWT_JWKS_URL"), text("JWT_KEY_FILE")
    if (url is None) == (key_file is None):
        raise ConfigError(
            f"{PREFIX}AUTH=jwt needs {PREFIX}JWT_JWKS_URL or {PREFIX}JWT_KEY_FILE (one of them)"
        )
    for name in ("JWT_ISSUER", "JWT_AUDIENCE"):
        if text(name) is None:
            raise ConfigError(f"{PREFIX}AUTH=jwt needs {PREFIX}{name}: every token must carry it")
    algorithms = DEFAULT_AUTH.jwt_algorithms
    raw_algorithms = text("JWT_ALGORITHMS")
    if raw_algorithms is not None:
        algorithms = tuple(name.strip() for name in raw_algorithms.split(",") if name.strip())
        if not algorithms or any(name not in JWT_ALGORITHMS for name in algorithms):
            raise ConfigError(
                f"{PREFIX}JWT_ALGORITHMS may name only public-key algorithms ({', '.join(JWT_ALGORITHMS)}); "
                f"got {raw_algorithms!r}"
            )
    if url is not None and not _fetchable(url):
        raise ConfigError(f"{PREFIX}JWT_JWKS_URL must be an https URL (http only on loopback), got {url!r}")
    keys = None
    if key_file is not None:
        keys = _read(f"{PREFIX}JWT_KEY_FILE", key_file)
        try:
            verification_keys(keys, algorithms)
        except ValueError as exc:
            raise ConfigError(f"{PREFIX}JWT_KEY_FILE: {key_file} {exc}") from None
    raw_leeway = text("JWT_LEEWAY")
    try:
        leeway = DEFAULT_AUTH.jwt_leeway if raw_leeway is None else float(raw_leeway)
    except ValueError:
        leeway = -1.0
    if not 0 <= leeway < float("inf"):
        raise ConfigError(f"{PREFIX}JWT_LEEWAY must be 0 or more seconds, got {raw_leeway!r}")
    return InboundAuth(
        mode="jwt",
        jwt_jwks_url=url,
        jwt_keys=keys,
        jwt_issuer=text("JWT_ISSUER"),
        jwt_audience=text("JWT_AUDIENCE"),
        jwt_algorithms=algorithms,
        jwt_leeway=leeway,
    )


def _fetchable(url: str) -> bool:
    """https anywhere; plain http only to this machine, where no one can swap the keys in transit."""
    parts = urlsplit(url)
    if parts.scheme == "https":
        return bool(parts.hostname)
    return parts.scheme == "http" and parts.hostname in ("127.0.0.1", "localhost", "::1")


def _api_key_hashes(path: str | None) -> frozenset[str]:
    """One SHA-256 hex digest per line (anything after it is a label), ``#`` comments and blank lines
    ignored: the keys themselves are never on the gateway's disk."""
    if path is None:
        raise ConfigError(f"{PREFIX}AUTH=api-key needs {PREFIX}API_KEYS_FILE (SHA-256 digests of the keys)")
    hashes: set[str] = set()
    for number, line in enumerate(_read(f"{PREFIX}API_KEYS_FILE", path).splitlines(), start=1):
        words = line.split("#", 1)[0].split()
        if not words:
            continue
        digest = words[0].lower()
        if len(digest) != 64 or any(char not in "0123456789abcdef" for char in digest):
            raise ConfigError(
                f"{PREFIX}API_KEYS_FILE: {path} line {number} does not start with a SHA-256 hex digest"
            )
        hashes.add(digest)
    if not hashes:
        raise ConfigError(f"{PREFIX}API_KEYS_FILE: {path} holds no key digests")
    return frozenset(hashes)


def _read(name: str, path: str) -> str:
    try:
        found = Path(path).read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise ConfigError(f"{name}: cannot read {path}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{name}: {path} is not UTF-8 text") from None
    if not found:
        raise ConfigError(f"{name}: {path} is empty")
    return found
