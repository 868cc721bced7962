"""Input that cannot go into an HTTP request is the caller's fault: BAD_USER_INPUT, nothing sent, no
circuit touched (the net under the id and argument checks)."""

from __future__ import annotations

import httpx
import pytest

from gateway.exceptions import UnsendableRequest
from gateway.settings import DEFAULT_TIMEOUTS, BreakerPolicy
from gateway.upstreams.base import UpstreamClient


def counting() -> tuple[UpstreamClient, list[httpx.Request]]:
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json={})

    client = UpstreamClient(
        "http://up",
        timeouts=DEFAULT_TIMEOUTS,
        transport=httpx.MockTransport(answer),
        breaker=BreakerPolicy(failures=1, cooldown=30.0),
    )
    return client, sent


@pytest.mark.parametrize("value", ['"abc"\r\nX-Evil: 1', "naïve", "a\x00b", "line\nbreak"])
async def test_a_header_value_that_http_cannot_carry_is_refused_before_the_circuit(value: str) -> None:
    client, sent = counting()
    for _ in range(3):  # the circuit would open after one failure
        with pytest.raises(UnsendableRequest) as refused:
            await client.request("GET", "/x", template="/x", headers={"If-Match": value})
        assert refused.value.code == "BAD_USER_INPUT"
        assert value not in str(refused.value)  # the message names the header, never echoes the value
    assert sent == [] and client.circuit.state == "closed"
    await client.request("GET", "/x", template="/x", headers={"If-Match": '"abc"'})
    assert len(sent) == 1


async def test_a_url_httpx_refuses_is_refused_without_a_verdict() -> None:
    client, sent = counting()
    for _ in range(3):
        with pytest.raises(UnsendableRequest):
            await client.request("GET", "/x", template="/x", params={"q": "x" * 70_000})
    assert sent == [] and client.circuit.state == "closed"
