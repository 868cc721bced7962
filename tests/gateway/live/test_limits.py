"""Subscriptions keep the gateway's rules: request limits, STAFFGRAPH_AUTH (also from connection_init)
and the subscription limits, over both transports."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterator

import httpx
import orjson
import pytest
from websockets.exceptions import ConnectionClosed

from gateway.settings import InboundAuth
from tests.gateway.live.live import (
    SUBSCRIBE,
    Gateway,
    gateway_settings,
    running_gateway,
    sse_events,
    wait_until,
    ws_connection,
    ws_receive,
    ws_subscribe,
)

KEY = "subscriber-key"


@pytest.fixture(scope="module")
def gateway() -> Iterator[Gateway]:
    settings = gateway_settings("http://127.0.0.1:9")  # no upstream is called
    settings = dataclasses.replace(
        settings,
        limits=dataclasses.replace(settings.limits, max_subscriptions=1, max_depth=2),
        auth=InboundAuth(
            mode="api-key", api_key_hashes=frozenset({hashlib.sha256(KEY.encode()).hexdigest()})
        ),
    )
    with running_gateway(settings) as gateway:
        yield gateway


def _sse_first(gateway: Gateway, query: str, headers: dict[str, str]) -> dict[str, object]:
    with httpx.stream(
        "POST", f"{gateway.url}/graphql", json={"query": query},
        headers={"Accept": "text/event-stream", **headers}, timeout=10,
    ) as stream:  # fmt: skip
        event, data = next(sse_events(stream.iter_lines()))
    assert event == "next"
    return orjson.loads(data)  # type: ignore[no-any-return]


def test_an_unverified_caller_may_not_subscribe(gateway: Gateway) -> None:
    answer = _sse_first(gateway, SUBSCRIBE, {})
    assert answer["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"  # type: ignore[index]
    assert gateway.broker.subscribers == 0


def test_a_caller_key_in_connection_init_is_read_and_a_refused_one_closes(gateway: Gateway) -> None:
    with ws_connection(gateway, {"X-Staffgraph-Authorization": f"Bearer {KEY}"}) as ws:
        assert ws_receive(ws)["type"] == "connection_ack"
        ws_subscribe(ws, "1", SUBSCRIBE)
        wait_until(lambda: gateway.broker.subscribers == 1, "the verified caller's subscription")
    with ws_connection(gateway, {"X-Staffgraph-Authorization": "Bearer wrong"}) as ws:
        with pytest.raises(ConnectionClosed) as closed:
            ws_receive(ws)
        assert closed.value.rcvd is not None and closed.value.rcvd.code == 4403


def test_one_caller_may_hold_max_subscriptions(gateway: Gateway) -> None:
    wait_until(lambda: gateway.broker.subscribers == 0, "earlier subscriptions to end")
    caller = {"X-Staffgraph-Authorization": f"Bearer {KEY}"}
    with httpx.stream(
        "POST", f"{gateway.url}/graphql", json={"query": SUBSCRIBE},
        headers={"Accept": "text/event-stream", **caller}, timeout=10,
    ):  # fmt: skip
        wait_until(lambda: gateway.broker.subscribers == 1, "the first subscription")
        second = _sse_first(gateway, SUBSCRIBE, caller)
    error = second["errors"][0]  # type: ignore[index]
    assert error["extensions"]["code"] == "TOO_MANY_SUBSCRIPTIONS"
    assert error["extensions"]["limit"] == "STAFFGRAPH_MAX_SUBSCRIPTIONS"


def test_request_limits_apply_to_subscriptions(gateway: Gateway) -> None:
    deeper = "subscription { applicationReceived { name } __schema { types { fields { name } } } }"
    answer = _sse_first(gateway, deeper, {"X-Staffgraph-Authorization": f"Bearer {KEY}"})
    assert answer["errors"][0]["extensions"]["code"] == "QUERY_TOO_DEEP"  # type: ignore[index]
    assert answer.get("data") is None
    assert gateway.broker.subscribers == 0
