"""Who may use the gateway's own credentials (issue 10, findings 8 and the header parts of 7 and 9).

Over real loopback HTTP: the simulators and one gateway per ``STAFFGRAPH_AUTH`` mode, each
configured from ``STAFFGRAPH_*`` variables as ``staffgraph serve`` is. On main every caller
used the gateway's Informat, ICTerGezocht and Onderwijsloket credentials, to read and to
write; a second ``Authorization`` header was silently taken over the first; a non-ASCII
bearer token was an ``INTERNAL`` error with an ERROR traceback, counted against Loket's circuit.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from gateway.app import create_app
from gateway.examples import load_examples
from gateway.settings import Settings
from simulators.config import DEFAULT_SEED, SimConfig
from simulators.server import create_simulator_app
from tests.conftest import SIM_TODAY
from tests.support.servers import serve_in_thread

ISSUER = "https://login.example.org/"
AUDIENCE = "staffgraph"
ALICE = {"Authorization": "Bearer demo-loket-alice"}
API_KEY = "sg-test-key-3b1f0c2e9d"
EXAMPLES = {example.name: example for example in load_examples()}
HELD = ("informat", "identity", "ictergezocht", "onderwijsloket")  # what the gateway's own credentials reach

READ_ALL = """{
  employers { nodes { companyName } }
  persons(instituteNo: "032912", first: 1) { totalCount }
  vacancies(first: 1) { nodes { title } }
  trainingPrograms(first: 1) { nodes { name } }
}"""


# ---- the stack: simulators, and gateways configured as `staffgraph serve` is ----


@pytest.fixture(scope="module")
def simulators() -> Iterator[str]:
    with serve_in_thread(create_simulator_app(SimConfig(seed=DEFAULT_SEED, today=SIM_TODAY))) as url:
        yield url


@pytest.fixture(autouse=True)
def fresh_simulators(simulators: str) -> None:
    httpx.post(f"{simulators}/_sim/reset", timeout=10)
    httpx.delete(f"{simulators}/_sim/calls", timeout=10)


def environment(simulators: str, **auth: str) -> dict[str, str]:
    """What a deployment sets: upstream URLs, the gateway's own credentials, and ``auth``."""
    return {
        "STAFFGRAPH_LOKET_URL": f"{simulators}/loket/v2",
        "STAFFGRAPH_LOKET_TOKEN_URL": f"{simulators}/loket/token",
        "STAFFGRAPH_INFORMAT_URL": f"{simulators}/informat",
        "STAFFGRAPH_INFORMAT_TOKEN_URL": f"{simulators}/identity/connect/token",
        "STAFFGRAPH_ICTERGEZOCHT_URL": f"{simulators}/ictergezocht",
        "STAFFGRAPH_ONDERWIJSLOKET_URL": f"{simulators}/onderwijsloket",
        "STAFFGRAPH_INFORMAT_CLIENT_ID": "staffgraph-demo",
        "STAFFGRAPH_INFORMAT_CLIENT_SECRET": "demo-secret",
        "STAFFGRAPH_ICTERGEZOCHT_API_KEY": "demo-ictergezocht-key",
        "STAFFGRAPH_ONDERWIJSLOKET_TOKEN": "demo-onderwijsloket-token",
        "STAFFGRAPH_INFORMAT_INSTITUTES": "032912,047225,119537",
        "STAFFGRAPH_TODAY": SIM_TODAY.isoformat(),
        **{f"STAFFGRAPH_{name}": value for name, value in auth.items()},
    }


def serve(simulators: str, **auth: str) -> Iterator[str]:
    app = create_app(Settings.from_env(environment(simulators, **auth)))
    with serve_in_thread(app, lifespan="on") as url:
        yield url


@pytest.fixture(scope="module")
def signing_key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


@pytest.fixture(scope="module")
def key_file(signing_key: ec.EllipticCurvePrivateKey, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("jwt") / "signing-key.pem"
    path.write_bytes(
        signing_key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    return path


@pytest.fixture(scope="module")
def anonymous_gateway(simulators: str) -> Iterator[str]:
    yield from serve(simulators)  # STAFFGRAPH_AUTH unset: anonymous, without anonymous writes


@pytest.fixture(scope="module")
def demo_gateway(simulators: str) -> Iterator[str]:
    yield from serve(simulators, AUTH="anonymous", ANONYMOUS_WRITES="true")


@pytest.fixture(scope="module")
def jwt_gateway(simulators: str, key_file: Path) -> Iterator[str]:
    yield from serve(
        simulators, AUTH="jwt", JWT_KEY_FILE=str(key_file), JWT_ISSUER=ISSUER, JWT_AUDIENCE=AUDIENCE
    )


@pytest.fixture(scope="module")
def api_key_gateway(simulators: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    keys = tmp_path_factory.mktemp("keys") / "api-keys"
    keys.write_text(f"# staffgraph callers\n{hashlib.sha256(API_KEY.encode()).hexdigest()}  reporting-app\n")
    yield from serve(simulators, AUTH="api-key", API_KEYS_FILE=str(keys))


def token(key: Any, algorithm: str = "ES256", headers: dict[str, Any] | None = None, **claims: Any) -> str:
    now = int(time.time())
    payload = {"iss": ISSUER, "aud": AUDIENCE, "sub": "user-17", "iat": now, "exp": now + 300, **claims}
    return jwt.encode({k: v for k, v in payload.items() if v is not None}, key, algorithm, headers=headers)


def post(gateway: str, query: str, variables: Any = None, headers: Any = None) -> tuple[int, dict[str, Any]]:
    answer = httpx.post(
        f"{gateway}/graphql", json={"query": query, "variables": variables}, headers=headers, timeout=30
    )
    return answer.status_code, answer.json()


def run_example(gateway: str, name: str, headers: Any = None) -> dict[str, Any]:
    example = EXAMPLES[name]
    variables = json.loads(example.variables) if example.variables else None
    status, body = post(gateway, example.query, variables, headers)
    assert status == 200, body
    return body


def calls(simulators: str) -> dict[str, int]:
    found = httpx.get(f"{simulators}/_sim/calls", timeout=10).json()
    return {name: entry["total"] for name, entry in found.items() if isinstance(entry, dict)}


def held_calls(simulators: str) -> int:
    return sum(calls(simulators).get(name, 0) for name in HELD)


def errors_by_field(body: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {error["path"][0]: error for error in body.get("errors", [])}


# ---- anonymous mode (the default): reads yes, writes no ----


def test_anonymous_callers_read_with_the_gateways_credentials(anonymous_gateway: str) -> None:
    _, body = post(anonymous_gateway, READ_ALL, headers=ALICE)
    assert "errors" not in body, body["errors"]
    assert body["data"]["persons"]["totalCount"] > 0 and body["data"]["vacancies"]["nodes"]


def test_an_anonymous_vacancy_is_not_published_with_the_gateways_key(
    anonymous_gateway: str, simulators: str
) -> None:
    body = run_example(anonymous_gateway, "jobs-create-vacancy")
    assert body["data"] == {"createVacancy": None}
    [error] = body["errors"]
    assert error["extensions"] == {"code": "FORBIDDEN", "upstream": "ictergezocht", "status": None}
    assert "STAFFGRAPH_ANONYMOUS_WRITES" in error["message"]
    assert "X-ICTerGezocht-Authorization" in error["message"]
    assert calls(simulators).get("ictergezocht", 0) == 0


def test_an_anonymous_informat_attachment_is_not_stored_with_the_gateways_client(
    anonymous_gateway: str, simulators: str
) -> None:
    body = run_example(anonymous_gateway, "people-interruption-attachment")
    assert body["data"] is None  # the field is non-null: its error nulls the whole answer
    [error] = body["errors"]
    assert error["extensions"]["code"] == "FORBIDDEN" and error["extensions"]["upstream"] == "informat"
    assert calls(simulators).get("informat", 0) == 0  # the gateway's token may be fetched, never used


def test_anonymous_writes_work_with_the_callers_own_credentials_and_on_loket(
    anonymous_gateway: str,
) -> None:
    own_key = {"X-ICTerGezocht-Authorization": "Bearer demo-ictergezocht-key"}
    body = run_example(anonymous_gateway, "jobs-create-vacancy", own_key)
    assert "errors" not in body and body["data"]["createVacancy"]["vacancyId"]
    body = run_example(anonymous_gateway, "people-loket-create-absence", ALICE)  # pass-through
    assert "errors" not in body and body["data"]["createLoketAbsence"]["version"]


def test_the_demo_lends_its_credentials_to_anonymous_writes(demo_gateway: str) -> None:
    body = run_example(demo_gateway, "jobs-create-vacancy")
    assert "errors" not in body and body["data"]["createVacancy"]["vacancyId"]
    body = run_example(demo_gateway, "people-interruption-attachment")
    assert "errors" not in body and body["data"]["putInterruptionAttachment"]["attachmentId"]


# ---- jwt mode ----


def test_jwt_mode_refuses_anonymous_callers_only_the_gateways_upstreams(
    jwt_gateway: str, simulators: str
) -> None:
    status, body = post(jwt_gateway, READ_ALL, headers=ALICE)
    assert status == 200
    assert len(body["data"]["employers"]["nodes"]) == 2  # Loket: alice's own token, unaffected
    errors = errors_by_field(body)
    assert set(errors) == {"persons", "vacancies", "trainingPrograms"}
    for field, upstream in (
        ("persons", "informat"),
        ("vacancies", "ictergezocht"),
        ("trainingPrograms", "onderwijsloket"),
    ):
        assert body["data"][field] is None
        assert errors[field]["extensions"] == {
            "code": "UNAUTHENTICATED",
            "upstream": upstream,
            "status": None,
            "header": "X-Staffgraph-Authorization",
        }
    assert "X-Staffgraph-Authorization: Bearer <JWT>" in errors["persons"]["message"]
    assert held_calls(simulators) == 0


def test_a_verified_jwt_reads_and_writes(jwt_gateway: str, signing_key: ec.EllipticCurvePrivateKey) -> None:
    caller = {**ALICE, "X-Staffgraph-Authorization": f"Bearer {token(signing_key)}"}
    _, body = post(jwt_gateway, READ_ALL, headers=caller)
    assert "errors" not in body, body["errors"]
    body = run_example(jwt_gateway, "jobs-create-vacancy", caller)
    assert "errors" not in body and body["data"]["createVacancy"]["vacancyId"]


def hmac_signed(secret: bytes) -> str:
    """An HS256 token keyed with ``secret`` (PyJWT will not make one with a public key, so by hand): the
    algorithm-confusion attack on a gateway that would verify it with its public key's text."""

    def part(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

    now = int(time.time())
    claims = {"iss": ISSUER, "aud": AUDIENCE, "sub": "mallory", "exp": now + 300}
    header = json.dumps({"alg": "HS256", "typ": "JWT"}).encode()
    signing_input = f"{part(header)}.{part(json.dumps(claims).encode())}"
    signature = hmac.new(secret, signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{part(signature)}"


def _bad_tokens(key: ec.EllipticCurvePrivateKey, public_pem: bytes) -> dict[str, tuple[str, str]]:
    """name -> (token, what the refusal says about it)."""
    other = ec.generate_private_key(ec.SECP256R1())
    an_hour_ago = int(time.time()) - 3600
    return {
        "expired": (token(key, iat=an_hour_ago - 300, exp=an_hour_ago), "has expired"),
        "wrong audience": (token(key, aud="another-api"), "is for another audience"),
        "wrong issuer": (token(key, iss="https://evil.example/"), "is from another issuer"),
        "no expiry": (token(key, exp=None), "has no 'exp' claim"),
        "another key": (token(other), "signature none of the gateway's keys verifies"),
        "public key as HMAC secret": (hmac_signed(public_pem), "is signed with 'HS256'"),
        "alg none": (token(None, algorithm="none"), "is signed with 'none'"),
        "not a JWT": ("definitely-not-a-jwt", "is not a JWT"),
    }


@pytest.mark.parametrize(
    "case",
    [
        "expired",
        "wrong audience",
        "wrong issuer",
        "no expiry",
        "another key",
        "public key as HMAC secret",
        "alg none",
        "not a JWT",
    ],
)
def test_a_jwt_that_fails_verification_is_refused_naming_why(
    case: str, jwt_gateway: str, simulators: str, signing_key: ec.EllipticCurvePrivateKey, key_file: Path
) -> None:
    bad, reason = _bad_tokens(signing_key, key_file.read_bytes())[case]
    caller = {**ALICE, "X-Staffgraph-Authorization": f"Bearer {bad}"}
    _, body = post(jwt_gateway, READ_ALL, headers=caller)
    assert len(body["data"]["employers"]["nodes"]) == 2
    errors = errors_by_field(body)
    assert set(errors) == {"persons", "vacancies", "trainingPrograms"}
    assert errors["vacancies"]["extensions"]["code"] == "UNAUTHENTICATED"
    assert errors["vacancies"]["extensions"]["header"] == "X-Staffgraph-Authorization"
    assert reason in errors["vacancies"]["message"]
    assert bad not in json.dumps(body)
    assert held_calls(simulators) == 0


def test_pass_through_headers_work_without_a_jwt(jwt_gateway: str) -> None:
    own = {
        **ALICE,
        "X-ICTerGezocht-Authorization": "Bearer demo-ictergezocht-key",
        "X-Onderwijsloket-Authorization": "Bearer demo-onderwijsloket-token",
    }
    query = """{ employers { totalCount } vacancies(first: 1) { totalCount }
      trainingPrograms(first: 1) { totalCount } }"""
    _, body = post(jwt_gateway, query, headers=own)
    assert "errors" not in body, body["errors"]


class Jwks:
    """A loopback identity provider's JWKS endpoint that counts its fetches."""

    def __init__(self, keys: list[dict[str, Any]]) -> None:
        self.keys = keys
        self.fetches = 0

    def app(self) -> Starlette:
        async def jwks(request: Request) -> JSONResponse:
            self.fetches += 1
            return JSONResponse({"keys": self.keys})

        return Starlette(routes=[Route("/.well-known/jwks.json", jwks)])


def test_keys_from_a_jwks_url_are_fetched_once_for_many_requests(
    simulators: str, signing_key: ec.EllipticCurvePrivateKey
) -> None:
    public = json.loads(jwt.algorithms.ECAlgorithm.to_jwk(signing_key.public_key()))
    provider = Jwks([{**public, "kid": "2026-11", "use": "sig", "alg": "ES256"}])
    with serve_in_thread(provider.app()) as idp:
        for gateway in serve(
            simulators,
            AUTH="jwt",
            JWT_JWKS_URL=f"{idp}/.well-known/jwks.json",
            JWT_ISSUER=ISSUER,
            JWT_AUDIENCE=AUDIENCE,
        ):
            good = {"X-Staffgraph-Authorization": f"Bearer {token(signing_key, headers={'kid': '2026-11'})}"}
            for _ in range(3):
                _, body = post(gateway, "{ vacancies(first: 1) { totalCount } }", headers=good)
                assert "errors" not in body, body["errors"]
            assert provider.fetches == 1

            rotated = ec.generate_private_key(ec.SECP256R1())
            unknown = {"X-Staffgraph-Authorization": f"Bearer {token(rotated, headers={'kid': 'made-up'})}"}
            for _ in range(3):
                _, body = post(gateway, "{ vacancies(first: 1) { totalCount } }", headers=unknown)
                assert "a key the gateway does not know" in body["errors"][0]["message"]
            # made-up key ids do not make the gateway hammer the identity provider: within MIN_REFETCH
            # of the last fetch none is fetched again (tests/gateway/test_auth.py: after it, one is)
            assert provider.fetches == 1


# ---- api-key mode ----


def test_a_known_api_key_reads_and_writes(api_key_gateway: str) -> None:
    caller = {**ALICE, "X-Staffgraph-Authorization": f"Bearer {API_KEY}"}
    _, body = post(api_key_gateway, READ_ALL, headers=caller)
    assert "errors" not in body, body["errors"]
    body = run_example(api_key_gateway, "jobs-create-vacancy", caller)
    assert "errors" not in body and body["data"]["createVacancy"]["vacancyId"]


@pytest.mark.parametrize(
    ("headers", "says"),
    [
        ({"X-Staffgraph-Authorization": "Bearer sg-test-key-unknown"}, "is not a key the gateway knows"),
        ({"X-Staffgraph-Authorization": API_KEY}, "is not sent as 'Bearer <token>'"),
        ({}, "X-Staffgraph-Authorization: Bearer <API key>"),
    ],
    ids=["unknown key", "no scheme", "no key"],
)
def test_api_key_mode_refuses_other_callers_the_gateways_upstreams(
    headers: dict[str, str], says: str, api_key_gateway: str, simulators: str
) -> None:
    _, body = post(api_key_gateway, READ_ALL, headers={**ALICE, **headers})
    assert len(body["data"]["employers"]["nodes"]) == 2
    errors = errors_by_field(body)
    assert set(errors) == {"persons", "vacancies", "trainingPrograms"}
    assert all(error["extensions"]["code"] == "UNAUTHENTICATED" for error in errors.values())
    assert says in errors["persons"]["message"]
    assert held_calls(simulators) == 0


# ---- header hygiene, in every mode ----


@pytest.mark.parametrize("name", ["Authorization", "X-Informat-Authorization", "X-Staffgraph-Authorization"])
def test_a_credential_header_sent_twice_is_refused_before_anything_runs(
    name: str, anonymous_gateway: str, simulators: str
) -> None:
    headers = [
        (name, "Bearer demo-loket-bob"),
        (name, "Bearer demo-loket-alice"),
        ("Accept", "application/json"),
    ]
    answer = httpx.post(f"{anonymous_gateway}/graphql", json={"query": READ_ALL}, headers=headers, timeout=30)
    assert answer.status_code == 400
    [error] = answer.json()["errors"]
    assert error["extensions"] == {"code": "DUPLICATE_HEADER"}
    assert f"2 '{name}' headers" in error["message"]
    assert "demo-loket" not in answer.text
    assert sum(calls(simulators).values()) == 0


def test_a_non_ascii_bearer_token_is_unauthenticated_and_opens_no_circuit(
    anonymous_gateway: str, simulators: str, caplog: pytest.LogCaptureFixture
) -> None:
    odd = {"Authorization": "Bearer demo-loket-älice".encode()}  # UTF-8 bytes, as a client sends them
    caplog.set_level(logging.INFO)
    for _ in range(8):  # more than the 5 failures that open a circuit
        status, body = post(anonymous_gateway, READ_ALL, headers=odd)
        assert status == 200
        errors = errors_by_field(body)
        assert set(errors) == {"employers"}
        assert errors["employers"]["extensions"] == {
            "code": "UNAUTHENTICATED",
            "upstream": "loket",
            "status": None,
            "header": "Authorization",
        }
        assert "other than visible ASCII" in errors["employers"]["message"]
        assert body["data"]["persons"]["totalCount"] > 0  # the rest of data still arrives
    assert calls(simulators).get("loket", 0) == 0
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    ready = httpx.get(f"{anonymous_gateway}/readyz", timeout=10).json()
    assert ready["upstreams"]["loket"]["circuit"]["state"] == "closed"
    _, body = post(anonymous_gateway, READ_ALL, headers=ALICE)  # alice is served as ever
    assert "errors" not in body


def test_a_non_ascii_override_is_refused_and_never_replaced_by_the_gateways_credential(
    anonymous_gateway: str, simulators: str
) -> None:
    odd = {**ALICE, "X-Informat-Authorization": "Bearer t\u00f6ken".encode()}
    _, body = post(anonymous_gateway, READ_ALL, headers=odd)
    errors = errors_by_field(body)
    assert set(errors) == {"persons"}
    assert errors["persons"]["extensions"]["header"] == "X-Informat-Authorization"
    assert calls(simulators).get("informat", 0) == 0 and calls(simulators).get("identity", 0) == 0
