"""One caller cannot spend the ICTerGezocht budget of everyone (issue 10, finding 6).

Over real loopback HTTP, simulators and gateways in threads. On main the gateway's
200-requests-a-minute budget for its own ICTerGezocht key was one pool: a few dozen anonymous
scan queries (each reads every insight page: 7 requests for the demo account's 320
vacancies) from one caller spent it, and every other user's ``vacancies`` was
``UPSTREAM_RATE_LIMITED`` for a minute. Now each caller — the client IP, or the verified
``X-Staffgraph-Authorization`` credential — may spend only ``STAFFGRAPH_ICTERGEZOCHT_CALLER_SHARE``
(0.25: 50 requests) of it, and the rest stays for the others.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from gateway.app import create_app
from gateway.settings import Settings
from simulators.config import DEFAULT_SEED, SimConfig
from simulators.server import create_simulator_app
from tests.conftest import SIM_TODAY
from tests.support.servers import serve_in_thread
from tests.support.stack import Stack, running_stack

# Every vacancy of the account, ordered by the gateway: a scan of all 7 insight pages.
SCAN = "{ vacancies(first: 5, orderBy: [CLICKS_DESC]) { totalCount nodes { title clicks } } }"
QUERIES = 28  # 28 scans: 196 requests, all but four of the account's 200 a minute
SCAN_REQUESTS = 7
SHARE = 50  # 0.25 of 200


def scan(gateway: str, client: httpx.Client, headers: dict[str, str] | None = None) -> dict[str, Any]:
    answer = client.post(f"{gateway}/graphql", json={"query": SCAN}, headers=headers, timeout=60)
    assert answer.status_code == 200, answer.text
    return answer.json()  # type: ignore[no-any-return]


def from_address(address: str) -> httpx.Client:
    """A client whose connections leave from ``address`` (any of 127.0.0.0/8 is this machine)."""
    return httpx.Client(transport=httpx.HTTPTransport(local_address=address))


def rate_limited(body: dict[str, Any]) -> bool:
    return any(e["extensions"]["code"] == "UPSTREAM_RATE_LIMITED" for e in body.get("errors", []))


@pytest.fixture(scope="module")
def stack() -> Iterator[Stack]:
    with running_stack(SimConfig(seed=DEFAULT_SEED, today=SIM_TODAY)) as stack:
        yield stack


def ictergezocht_calls(stack: Stack) -> int:
    return int(stack.calls().get("ictergezocht", {}).get("total", 0))


def test_one_callers_scans_leave_the_budget_to_the_others(stack: Stack) -> None:
    with from_address("127.0.0.1") as heavy, from_address("127.0.0.2") as other:
        first = scan(stack.gateway_url, heavy)
        assert "errors" not in first and first["data"]["vacancies"]["totalCount"] == 320
        stack.reset_calls()
        answers = [scan(stack.gateway_url, heavy) for _ in range(QUERIES - 1)]
        heavy_calls = ictergezocht_calls(stack)
        body = scan(stack.gateway_url, other)

    # another user meanwhile reads every vacancy
    assert "errors" not in body, body["errors"]
    assert body["data"]["vacancies"]["totalCount"] == 320
    # the heavy caller got its share, then was told to wait, without an upstream call
    assert heavy_calls <= SHARE - SCAN_REQUESTS
    refused = [answer for answer in answers if rate_limited(answer)]
    assert len(refused) >= QUERIES - SHARE // SCAN_REQUESTS
    error = refused[-1]["errors"][0]
    assert "this caller's share" in error["message"] and "50 of its 200 requests" in error["message"]
    assert error["extensions"]["retryAfter"] > 0


@pytest.fixture(scope="module")
def api_key_gateway(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    keys = tmp_path_factory.mktemp("keys") / "api-keys"
    keys.write_text(
        "".join(f"{hashlib.sha256(key.encode()).hexdigest()} {key}\n" for key in ("a-key", "b-key"))
    )
    with serve_in_thread(create_simulator_app(SimConfig(seed=DEFAULT_SEED, today=SIM_TODAY))) as simulators:
        settings = Settings.from_env(_environment(simulators, keys))
        with serve_in_thread(create_app(settings), lifespan="on") as gateway:
            yield gateway


def _environment(simulators: str, keys: Path) -> dict[str, str]:
    return {
        "STAFFGRAPH_ICTERGEZOCHT_URL": f"{simulators}/ictergezocht",
        "STAFFGRAPH_ICTERGEZOCHT_API_KEY": "demo-ictergezocht-key",
        "STAFFGRAPH_TODAY": SIM_TODAY.isoformat(),
        "STAFFGRAPH_AUTH": "api-key",
        "STAFFGRAPH_API_KEYS_FILE": str(keys),
    }


def test_verified_callers_behind_one_address_each_have_their_own_share(api_key_gateway: str) -> None:
    a = {"X-Staffgraph-Authorization": "Bearer a-key"}
    b = {"X-Staffgraph-Authorization": "Bearer b-key"}
    with from_address("127.0.0.1") as client:  # one office, one NAT address, two applications
        answers = [scan(api_key_gateway, client, a) for _ in range(QUERIES)]
        body = scan(api_key_gateway, client, b)
    assert "errors" not in body, body["errors"]
    assert body["data"]["vacancies"]["totalCount"] == 320
    assert rate_limited(answers[-1])
