"""Credential routing per upstream (pass-through, per-upstream overrides, nothing else), header
hygiene, who may use the gateway's own credentials, and how callers are verified."""

from __future__ import annotations

import json
import logging
import re
import time
from dataclasses import replace
from pathlib import Path

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from starlette.datastructures import Headers

from gateway.auth import (
    CredentialRefused,
    DuplicateCredentialHeader,
    HeldCredentialForbidden,
    Lending,
    RequestCredentials,
    bearer_token,
    check_write,
    lend,
)
from gateway.callers import JWKS_TTL, MIN_REFETCH, Authenticator, Caller, verification_keys
from gateway.exceptions import ConfigError
from gateway.secrets import Secret, credential_hash
from gateway.settings import InboundAuth, Settings
from tests.support.clock import FakeClock

ALICE = {"Authorization": "Bearer demo-loket-alice"}
JWT_URL = {
    "STAFFGRAPH_AUTH": "jwt",
    "STAFFGRAPH_JWT_JWKS_URL": "https://id.example/jwks",
    "STAFFGRAPH_JWT_ISSUER": "https://id.example/",
    "STAFFGRAPH_JWT_AUDIENCE": "staffgraph",
}


@pytest.mark.parametrize(
    ("value", "token"),
    [
        ("Bearer abc", "abc"),
        ("bearer  abc ", "abc"),
        ("Basic abc", None),
        ("Bearer", None),
        ("", None),
        (None, None),
    ],
)
def test_bearer_token(value: str | None, token: str | None) -> None:
    found = bearer_token(value)
    assert (found.reveal() if found else None) == token


def test_authorization_goes_only_to_passthrough_upstreams() -> None:
    credentials = RequestCredentials.from_headers({"Authorization": "Bearer demo-loket-alice"}, Settings())
    assert credentials.for_upstream("loket").reveal() == "demo-loket-alice"  # type: ignore[union-attr]
    assert credentials.for_upstream("informat") is None
    assert credentials.for_upstream("ictergezocht") is None


def test_per_upstream_headers_override_and_extend() -> None:
    credentials = RequestCredentials.from_headers(
        {
            "Authorization": "Bearer demo-loket-alice",
            "X-Loket-Authorization": "Bearer demo-loket-bob",
            "x-ictergezocht-authorization": "Bearer other-key",
        },
        Settings(passthrough=("loket", "onderwijsloket")),
    )
    assert credentials.for_upstream("loket").reveal() == "demo-loket-bob"  # type: ignore[union-attr]
    assert credentials.for_upstream("ictergezocht").reveal() == "other-key"  # type: ignore[union-attr]
    assert credentials.for_upstream("onderwijsloket").reveal() == "demo-loket-alice"  # type: ignore[union-attr]
    assert "demo-loket" not in repr(credentials)


# ---- header hygiene ----


def test_a_credential_header_sent_twice_is_a_400_naming_it() -> None:
    headers = Headers(raw=[(b"authorization", b"Bearer a"), (b"authorization", b"Bearer b")])
    with pytest.raises(DuplicateCredentialHeader) as twice:
        RequestCredentials.from_headers(headers, Settings())
    assert twice.value.status_code == 400 and twice.value.code == "DUPLICATE_HEADER"
    assert "2 'Authorization' headers" in twice.value.reason
    with pytest.raises(DuplicateCredentialHeader, match="X-ICTerGezocht-Authorization"):
        RequestCredentials.from_headers(
            {"X-ICTerGezocht-Authorization": "Bearer a", "x-ictergezocht-authorization": "Bearer b"},
            Settings(),
        )


def test_other_headers_may_repeat() -> None:
    headers = Headers(raw=[(b"accept", b"a"), (b"accept", b"b"), (b"authorization", b"Bearer x")])
    assert RequestCredentials.from_headers(headers, Settings()).for_upstream("loket") == Secret("x")


@pytest.mark.parametrize("token", ["d\u00e9mo", "a\x7fb", "two\ttokens", "a, Bearer b"])
def test_a_token_that_cannot_go_in_a_header_fails_its_upstreams_naming_the_header(token: str) -> None:
    credentials = RequestCredentials.from_headers(
        {"Authorization": f"Bearer {token}", "X-Informat-Authorization": f"Bearer {token}"},
        replace(HELD, passthrough=("loket", "onderwijsloket")),
    )
    for upstream, header in (
        ("loket", "Authorization"),
        ("onderwijsloket", "Authorization"),
        ("informat", "X-Informat-Authorization"),
    ):
        with pytest.raises(CredentialRefused) as refused:
            credentials.for_upstream(upstream)
        assert refused.value.extensions() == {
            "code": "UNAUTHENTICATED",
            "upstream": upstream,
            "status": None,
            "header": header,
        }
        assert token not in str(refused.value)
    assert credentials.for_upstream("ictergezocht") is None  # the gateway's own, as always


# ---- who may use the gateway's own credentials ----

HELD = Settings(
    informat_client_id="staffgraph-demo",
    informat_client_secret=Secret("demo-secret"),
    ictergezocht_api_key=Secret("demo-ictergezocht-key"),
    onderwijsloket_token=Secret("demo-onderwijsloket-token"),
)
API_KEY_SETTINGS = replace(
    HELD, auth=InboundAuth(mode="api-key", api_key_hashes=frozenset({credential_hash("good-key")}))
)


def test_anonymous_mode_lends_reads_to_anyone() -> None:
    credentials = RequestCredentials.from_headers({}, HELD, client="192.0.2.7")
    assert all(credentials.for_upstream(u) is None for u in ("informat", "ictergezocht", "onderwijsloket"))
    assert credentials.inbound == Caller("ip:192.0.2.7") and not credentials.lends_writes()
    assert RequestCredentials.from_headers(
        {}, replace(HELD, auth=InboundAuth(anonymous_writes=True))
    ).lends_writes()


def test_verified_callers_only_in_api_key_mode() -> None:
    anonymous = RequestCredentials.from_headers(ALICE, API_KEY_SETTINGS, client="192.0.2.7")
    with pytest.raises(CredentialRefused) as refused:
        anonymous.for_upstream("ictergezocht")
    assert refused.value.header == "X-Staffgraph-Authorization"
    assert "STAFFGRAPH_AUTH=api-key" in str(refused.value) and "X-ICTerGezocht-Authorization" in str(
        refused.value
    )
    assert anonymous.for_upstream("loket") == Secret("demo-loket-alice")  # pass-through is unaffected
    assert not anonymous.lends_writes()

    verified = RequestCredentials.from_headers(
        {**ALICE, "X-Staffgraph-Authorization": "Bearer good-key"}, API_KEY_SETTINGS, client="192.0.2.7"
    )
    assert verified.for_upstream("ictergezocht") is None and verified.lends_writes()
    assert verified.inbound == Caller(f"key:{credential_hash('good-key')}", authenticated=True)

    wrong = RequestCredentials.from_headers(
        {"X-Staffgraph-Authorization": "Bearer bad-key"}, API_KEY_SETTINGS
    )
    with pytest.raises(CredentialRefused, match="is not a key the gateway knows"):
        wrong.for_upstream("informat")


def test_a_callers_own_credential_is_always_its_to_use() -> None:
    own = RequestCredentials.from_headers({"X-Informat-Authorization": "Bearer mine"}, API_KEY_SETTINGS)
    assert own.for_upstream("informat") == Secret("mine")
    assert own.own_keys() == {credential_hash("mine")}


def test_a_write_goes_out_only_with_a_credential_the_caller_may_write_with() -> None:
    lend(Lending(own=frozenset({credential_hash("mine")}), writes=False))
    try:
        check_write("informat", "GET /x", None)  # nothing lent
        check_write("informat", "PUT /x", credential_hash("mine"))  # the caller's own
        with pytest.raises(HeldCredentialForbidden) as refused:
            check_write("ictergezocht", "POST /vacancy", credential_hash("demo-ictergezocht-key"))
        assert refused.value.extensions() == {"code": "FORBIDDEN", "upstream": "ictergezocht", "status": None}
        assert "POST /vacancy was not sent" in str(refused.value)
        assert "X-ICTerGezocht-Authorization" in str(refused.value)
        lend(Lending(writes=True))
        check_write("ictergezocht", "POST /vacancy", credential_hash("demo-ictergezocht-key"))
    finally:
        lend(None)


# ---- settings ----


def test_auth_defaults_to_anonymous_without_anonymous_writes() -> None:
    assert Settings.from_env({}).auth == InboundAuth(mode="anonymous", anonymous_writes=False)
    assert Settings.from_env({}).ictergezocht_budget.caller_share == 0.25


def test_jwt_settings_are_read_and_checked(tmp_path: Path) -> None:
    key = tmp_path / "key.pem"
    key.write_bytes(_public_pem(ec.generate_private_key(ec.SECP256R1())))
    auth = Settings.from_env(
        {
            "STAFFGRAPH_AUTH": "jwt",
            "STAFFGRAPH_JWT_KEY_FILE": str(key),
            "STAFFGRAPH_JWT_ISSUER": "https://id.example/",
            "STAFFGRAPH_JWT_AUDIENCE": "staffgraph",
            "STAFFGRAPH_JWT_ALGORITHMS": "ES256",
            "STAFFGRAPH_JWT_LEEWAY": "5",
        }
    ).auth
    assert (auth.mode, auth.jwt_issuer, auth.jwt_audience, auth.jwt_algorithms, auth.jwt_leeway) == (
        "jwt",
        "https://id.example/",
        "staffgraph",
        ("ES256",),
        5.0,
    )
    assert auth.jwt_keys is not None and "PUBLIC KEY" in auth.jwt_keys


def test_api_keys_file_holds_digests_comments_and_labels(tmp_path: Path) -> None:
    keys = tmp_path / "keys"
    digest = credential_hash("k1")
    keys.write_text(f"# callers\n\n{digest.upper()}  reporting  # since 2026\n")
    auth = Settings.from_env({"STAFFGRAPH_AUTH": "api-key", "STAFFGRAPH_API_KEYS_FILE": str(keys)}).auth
    assert auth.api_key_hashes == {digest} and digest not in repr(auth)


@pytest.mark.parametrize(
    ("env", "says"),
    [
        ({"STAFFGRAPH_AUTH": "oauth"}, "STAFFGRAPH_AUTH must be one of anonymous, jwt, api-key"),
        ({"STAFFGRAPH_ANONYMOUS_WRITES": "maybe"}, "STAFFGRAPH_ANONYMOUS_WRITES must be true or false"),
        ({"STAFFGRAPH_AUTH": "jwt", "STAFFGRAPH_ANONYMOUS_WRITES": "true"}, "applies only with"),
        (
            {"STAFFGRAPH_API_KEYS_FILE": "/x"},
            "STAFFGRAPH_API_KEYS_FILE applies only with STAFFGRAPH_AUTH=api-key",
        ),
        ({"STAFFGRAPH_AUTH": "jwt"}, "needs STAFFGRAPH_JWT_JWKS_URL or STAFFGRAPH_JWT_KEY_FILE"),
        (
            {"STAFFGRAPH_AUTH": "jwt", "STAFFGRAPH_JWT_JWKS_URL": "https://id.example/jwks"},
            "needs STAFFGRAPH_JWT_ISSUER",
        ),
        ({**JWT_URL, "STAFFGRAPH_JWT_ALGORITHMS": "HS256"}, "public-key algorithms"),
        ({**JWT_URL, "STAFFGRAPH_JWT_ALGORITHMS": "none"}, "public-key algorithms"),
        (
            {**JWT_URL, "STAFFGRAPH_JWT_JWKS_URL": "http://id.example/jwks"},
            "https URL (http only on loopback)",
        ),
        ({**JWT_URL, "STAFFGRAPH_JWT_LEEWAY": "-1"}, "STAFFGRAPH_JWT_LEEWAY must be 0 or more"),
        ({"STAFFGRAPH_AUTH": "api-key"}, "needs STAFFGRAPH_API_KEYS_FILE"),
        ({"STAFFGRAPH_AUTH": "api-key", "STAFFGRAPH_API_KEYS_FILE": "/nonexistent"}, "cannot read"),
        ({"STAFFGRAPH_ICTERGEZOCHT_CALLER_SHARE": "0"}, "more than 0 and at most 1"),
        ({"STAFFGRAPH_ICTERGEZOCHT_CALLER_SHARE": "1.5"}, "more than 0 and at most 1"),
        ({"STAFFGRAPH_ICTERGEZOCHT_CALLER_SHARE": "a quarter"}, "a fraction"),
    ],
)
def test_wrong_auth_settings_name_the_variable(env: dict[str, str], says: str) -> None:
    with pytest.raises(ConfigError, match=re.escape(says)):
        Settings.from_env(env)


def test_a_key_file_must_hold_a_public_key(tmp_path: Path) -> None:
    private = ec.generate_private_key(ec.SECP256R1())
    key = tmp_path / "key.pem"
    key.write_bytes(
        private.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    env = {**JWT_URL, "STAFFGRAPH_JWT_JWKS_URL": "", "STAFFGRAPH_JWT_KEY_FILE": str(key)}
    with pytest.raises(ConfigError, match="holds no PEM public key"):
        Settings.from_env(env)
    key.write_bytes(_public_pem(private))
    with pytest.raises(ConfigError, match="none of RS256 verifies"):
        Settings.from_env({**env, "STAFFGRAPH_JWT_ALGORITHMS": "RS256"})


# ---- keys and verification ----


def test_a_jwk_set_keeps_only_public_signing_keys() -> None:
    signing = ec.generate_private_key(ec.SECP256R1())
    public = json.loads(jwt.algorithms.ECAlgorithm.to_jwk(signing.public_key()))
    document = {
        "keys": [
            {"kty": "oct", "k": "c2VjcmV0", "kid": "hmac"},  # a shared secret is never a verification key
            {**public, "kid": "enc", "use": "enc"},
            {**public, "kid": "sig"},
        ]
    }
    keys = verification_keys(json.dumps(document), ("RS256", "ES256"))
    assert [(key.kid, key.algorithms) for key in keys] == [("sig", ("ES256",))]


def test_the_same_subject_is_one_caller_whatever_its_token() -> None:
    signing = ec.generate_private_key(ec.SECP256R1())
    auth = InboundAuth(
        mode="jwt",
        jwt_keys=_public_pem(signing).decode(),
        jwt_issuer="https://id.example/",
        jwt_audience="staffgraph",
    )
    authenticator = Authenticator(auth)
    now = int(time.time())
    claims = {"iss": "https://id.example/", "aud": "staffgraph", "sub": "u1", "exp": now + 60}
    first = authenticator.identify(f"Bearer {jwt.encode(claims, signing, 'ES256')}", "192.0.2.1")
    second = authenticator.identify(
        f"Bearer {jwt.encode({**claims, 'iat': now}, signing, 'ES256')}", "192.0.2.2"
    )
    other = authenticator.identify(f"Bearer {jwt.encode({**claims, 'sub': 'u2'}, signing, 'ES256')}", None)
    assert first.authenticated and first.identity == second.identity != other.identity
    assert first.identity.startswith("jwt:") and "u1" not in first.identity


class Provider:
    """A JWKS endpoint behind ``httpx.MockTransport`` that counts fetches and can fail."""

    def __init__(self, *keys: ec.EllipticCurvePrivateKey) -> None:
        self.keys = list(keys)
        self.fetches = 0
        self.failing = False

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.fetches += 1
        if self.failing:
            return httpx.Response(503)
        jwks = [
            {**json.loads(jwt.algorithms.ECAlgorithm.to_jwk(key.public_key())), "kid": f"k{n}"}
            for n, key in enumerate(self.keys)
        ]
        return httpx.Response(200, json={"keys": jwks})


def _jwks_authenticator(provider: Provider, clock: FakeClock) -> Authenticator:
    auth = InboundAuth(
        mode="jwt",
        jwt_jwks_url="https://id.example/jwks",
        jwt_issuer="https://id.example/",
        jwt_audience="staffgraph",
    )
    return Authenticator(auth, transport=httpx.MockTransport(provider.handle), clock=clock)


def _signed(key: ec.EllipticCurvePrivateKey, kid: str) -> str:
    claims = {"iss": "https://id.example/", "aud": "staffgraph", "sub": "u1", "exp": int(time.time()) + 60}
    return "Bearer " + jwt.encode(claims, key, "ES256", headers={"kid": kid})


async def test_jwks_keys_are_fetched_once_then_again_for_a_new_key_id_at_most_every_few_seconds() -> None:
    old, new = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    provider, clock = Provider(old), FakeClock()
    authenticator = _jwks_authenticator(provider, clock)
    for _ in range(3):
        await authenticator.prepare(_signed(old, "k0"))
        assert authenticator.identify(_signed(old, "k0"), None).authenticated
    assert provider.fetches == 1

    provider.keys.append(new)  # the provider rotates in a new key
    await authenticator.prepare(_signed(new, "k1"))
    assert provider.fetches == 1  # within MIN_REFETCH of the last fetch
    assert (
        authenticator.identify(_signed(new, "k1"), None).refused
        == "is signed with a key the gateway does not know"
    )
    clock.advance(MIN_REFETCH)
    for _ in range(3):
        await authenticator.prepare(_signed(new, "k1"))
    assert provider.fetches == 2 and authenticator.identify(_signed(new, "k1"), None).authenticated


async def test_the_last_good_keys_outlive_a_failing_provider(caplog: pytest.LogCaptureFixture) -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    provider, clock = Provider(key), FakeClock()
    authenticator = _jwks_authenticator(provider, clock)
    await authenticator.prepare(_signed(key, "k0"))
    provider.failing = True
    clock.advance(JWKS_TTL)
    with caplog.at_level(logging.WARNING, logger="staffgraph.auth"):
        await authenticator.prepare(_signed(key, "k0"))
    assert provider.fetches == 2 and authenticator.identify(_signed(key, "k0"), None).authenticated
    assert "could not fetch the JWT signing keys from https://id.example/jwks" in caplog.text


async def test_without_keys_every_jwt_is_refused_not_an_error() -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    provider = Provider(key)
    provider.failing = True
    authenticator = _jwks_authenticator(provider, FakeClock())
    await authenticator.prepare(_signed(key, "k0"))
    caller = authenticator.identify(_signed(key, "k0"), "192.0.2.1")
    assert caller == Caller("ip:192.0.2.1", refused="is signed with a key the gateway does not know")


def _public_pem(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
