"""Fault modes that only show over a real socket: timeout, reset and slow body."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator

import httpx
import pytest

from simulators.harness import ResetLogFilter
from simulators.server import create_simulator_app
from tests.support.fake_upstream import fake_upstream
from tests.support.servers import serve_in_thread


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    logging.getLogger("uvicorn.error").addFilter(ResetLogFilter())
    with serve_in_thread(create_simulator_app(upstreams=[fake_upstream()])) as url:
        yield url


@pytest.fixture
def client(base_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base_url) as client:
        yield client
        client.delete("/_sim/faults")


def test_timeout_fault_holds_until_the_client_gives_up(client: httpx.Client) -> None:
    client.put("/_sim/faults", json={"upstream": "fake", "mode": "timeout"})
    with pytest.raises(httpx.ReadTimeout):
        client.get("/fake/items", timeout=0.3)


def test_timeout_fault_answers_504_after_the_hold(client: httpx.Client) -> None:
    client.put("/_sim/faults", json={"upstream": "fake", "mode": "timeout", "duration_ms": 100})
    assert client.get("/fake/items", timeout=5).status_code == 504


def test_reset_fault_drops_the_connection_mid_body(client: httpx.Client) -> None:
    client.put("/_sim/faults", json={"upstream": "fake", "mode": "reset"})
    client.delete("/_sim/calls")
    with pytest.raises(httpx.RemoteProtocolError):
        client.get("/fake/items", timeout=5)
    # only the bytes sent before the drop count, not the 4096 the headers promised
    assert client.get("/_sim/calls").json()["fake"]["endpoint_bytes"] == {"GET /items": len(b'{"items": [')}
    client.delete("/_sim/faults")
    assert client.get("/fake/items").status_code == 200


def test_slow_body_sends_headers_first_and_the_full_body_late(client: httpx.Client) -> None:
    client.put("/_sim/faults", json={"upstream": "fake", "mode": "slow_body", "duration_ms": 400})
    client.delete("/_sim/calls")
    with client.stream("GET", "/fake/items", timeout=5) as response:
        assert response.status_code == 200
        started = time.monotonic()
        body = response.read()
    # a lower bound: a busy machine only makes the dribble slower, never faster
    assert time.monotonic() - started >= 0.2
    assert len(response.json()["items"]) == 100
    # the body is counted once, as its chunks go out (not also when the harness buffers it)
    assert client.get("/_sim/calls").json()["fake"]["bytes"] == len(body)
